# vmtop while hog swaps (the "vmtop_while_hog_swaps" boot, tests/check_vmtop.py)
hog 56M &
vmtop -b -n 3
vmtop -n 2 -d 0.5
vmtop -x
wait
