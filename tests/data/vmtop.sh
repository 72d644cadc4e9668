# vmtop while hog swaps (the "vmtop_while_hog_swaps" boot, tests/check_vmtop.py):
# hog starts vmtop once its 56M are written and reads them back until vmtop ends,
# so the frames see a swapping hog however slow the machine is.
hog 56M vmtop -b -n 3
vmtop -n 2 -d 0.5
vmtop -x
true
