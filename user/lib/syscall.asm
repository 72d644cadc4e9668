; The one place user space enters the kernel: int 0x80 with the Linux i386
; convention (number in eax, arguments in ebx, ecx, edx, esi, edi, ebp, the
; result or -errno back in eax).
;
;   long syscall_raw(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
;
; ebx, esi, edi and ebp belong to our caller under the C ABI, so they are
; saved around the trap. The raw result is returned unchanged; the wrappers
; in unistd.c turn -errno into -1 and errno.

global syscall_raw

section .text
syscall_raw:
	push ebp
	push edi
	push esi
	push ebx
	mov eax, [esp + 20]		; 4 saved registers + return address
	mov ebx, [esp + 24]
	mov ecx, [esp + 28]
	mov edx, [esp + 32]
	mov esi, [esp + 36]
	mov edi, [esp + 40]
	mov ebp, [esp + 44]
	int 0x80
	pop ebx
	pop esi
	pop edi
	pop ebp
	ret
