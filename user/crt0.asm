; Program entry. The kernel starts us with the Linux ELF ABI initial stack:
;
;   [esp]            argc
;   [esp+4]          argv[0] ... argv[argc-1], NULL
;   after that       envp[0] ... NULL, then the auxiliary vector
;
; _start records envp and argv[0] for the library, calls
; main(argc, argv, envp) with the 16-byte stack alignment gcc assumes, and
; passes main's return value to exit().

global _start
extern main, exit, environ, progname

section .text
_start:
	xor ebp, ebp			; marks the outermost frame for debuggers
	mov eax, [esp]			; argc
	lea ebx, [esp + 4]		; argv
	lea ecx, [ebx + eax * 4 + 4]	; envp: just past argv's NULL
	mov [environ], ecx
	mov edx, [ebx]
	mov [progname], edx
	and esp, -16
	sub esp, 4			; three pushes below leave esp 16-aligned at the call
	push ecx
	push ebx
	push eax
	call main
	mov [esp], eax
	call exit
