# The swap-file session the README shows (booted by the "readme_swapfile_session"
# test with this file as /mod/swapsession, on make run's disk).
mount /dev/hda2 /mnt
mount
cat /mnt/hello.txt
swapon -p 10 /mnt/swapfile
cat /proc/swaps
cat /proc/swapextents
umount /mnt
hog 80M cat /proc/swaps
swapoff /mnt/swapfile
umount /mnt
