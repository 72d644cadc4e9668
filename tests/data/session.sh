# The session the README shows: what a newcomer types at the shell
# (booted by the "readme_session" test with this file as /mod/session).
free
cat /proc/swaps
hog 128M &
vmstat 1 4
swapmap hda1
ps
wait
vmstat 1 2
free
