; Interrupt, exception and system-call entry, context switch and the
; user-copy primitives with their exception-table fixups.
;
; Every vector enters common_entry with the same frame, struct pt_regs
; (include/arch/x86/ptrace.h): the CPU pushes eflags/cs/eip (and esp/ss
; from ring 3), the per-vector entry pushes an error code (0 when the CPU did not) and
; the vector, common_entry pushes segments and general registers.

%include "layout.inc"

section .text
extern do_interrupt

%macro VECTOR_NOERR 1
vector_%1:
        push dword 0
        push dword %1
        jmp common_entry
%endmacro
%macro VECTOR_ERR 1
vector_%1:
        push dword %1
        jmp common_entry
%endmacro

; Exceptions 8, 10-14 and 17 push an error code.
%assign v 0
%rep 48
%if v == 8 || (v >= 10 && v <= 14) || v == 17
VECTOR_ERR v
%else
VECTOR_NOERR v
%endif
%assign v v + 1
%endrep
VECTOR_NOERR 128

section .rodata
global interrupt_vectors
interrupt_vectors:
%assign v 0
%rep 48
        dd vector_ %+ v
%assign v v + 1
%endrep
global syscall_vector
syscall_vector: dd vector_128

section .text
common_entry:
        push gs
        push fs
        push es
        push ds
        push eax
        push ebp
        push edi
        push esi
        push edx
        push ecx
        push ebx
        mov ax, KERNEL_DS
        mov ds, ax
        mov es, ax
        mov fs, ax
        mov gs, ax
        cld
        push esp                    ; struct pt_regs *
        call do_interrupt
        add esp, 4
global ret_from_intr
ret_from_intr:
        pop ebx
        pop ecx
        pop edx
        pop esi
        pop edi
        pop ebp
        pop eax
.ds:    pop ds
.es:    pop es
.fs:    pop fs
.gs:    pop gs
        add esp, 8                  ; vector and error code
        iret
; A saved segment register may name a TLS descriptor its task cleared
; since (set_thread_area, arch/x86/tls.c): reloading it faults, and the
; exception table sends us here to load the null selector instead.
.bad_ds: mov dword [esp], 0
        jmp .ds
.bad_es: mov dword [esp], 0
        jmp .es
.bad_fs: mov dword [esp], 0
        jmp .fs
.bad_gs: mov dword [esp], 0
        jmp .gs

; void switch_to_asm(u32 *prev_esp, u32 next_esp)
; Saves the callee-saved registers on the old kernel stack, records its
; esp, and resumes the next task where it last called switch_to_asm (or,
; for a new task, at the address its stack was prepared with).
global switch_to_asm
switch_to_asm:
        mov eax, [esp + 4]
        mov edx, [esp + 8]
        push ebp
        push ebx
        push esi
        push edi
        mov [eax], esp
        mov esp, edx
        pop edi
        pop esi
        pop ebx
        pop ebp
        ret

; The first instructions of a new task after its first context switch.
extern schedule_tail
extern fork_child_tail
extern kernel_thread_exit
global ret_from_fork
ret_from_fork:
        call schedule_tail
        call fork_child_tail        ; clone's CLONE_CHILD_SETTID (kernel/fork.c)
        jmp ret_from_intr           ; into user mode with the pt_regs above

; void start_user_mode(struct pt_regs *regs): a kernel thread that exec'd
; a program drops its kernel frames and enters user mode with @regs (the
; frame at the top of its kernel stack).
global start_user_mode
start_user_mode:
        mov esp, [esp + 4]
        jmp ret_from_intr

global kernel_thread_start
kernel_thread_start:
        call schedule_tail
        sti
        pop eax                     ; fn
        call eax                    ; fn(arg): arg is now at [esp]
        push eax
        call kernel_thread_exit     ; never returns

; unsigned long __copy_user(void *dst, const void *src, unsigned long n)
; Returns the number of bytes NOT copied. A fault on a user address is
; first handled as an ordinary page fault (demand paging, swap-in, COW);
; only if that fails does the fault handler jump to the fixup.
global __copy_user
__copy_user:
        push esi
        push edi
        mov edi, [esp + 12]
        mov esi, [esp + 16]
        mov ecx, [esp + 20]
.copy:  rep movsb
.done:  mov eax, ecx
        pop edi
        pop esi
        ret

; unsigned long __clear_user(void *dst, unsigned long n): bytes NOT zeroed.
global __clear_user
__clear_user:
        push edi
        mov edi, [esp + 8]
        mov ecx, [esp + 12]
        xor eax, eax
.zero:  rep stosb
.done:  mov eax, ecx
        pop edi
        ret

; int kjmp_set(struct kjmp *j) / void kjmp_jump(struct kjmp *j, int v):
; a minimal setjmp/longjmp for recovering from expected faults in tests.
global kjmp_set
kjmp_set:
        mov eax, [esp + 4]
        mov [eax + 0], ebx
        mov [eax + 4], esi
        mov [eax + 8], edi
        mov [eax + 12], ebp
        lea ecx, [esp + 4]
        mov [eax + 16], ecx         ; esp after return
        mov ecx, [esp]
        mov [eax + 20], ecx         ; return address
        pushfd
        pop dword [eax + 24]        ; interrupt flag of the caller
        xor eax, eax
        ret
global kjmp_jump
kjmp_jump:
        mov edx, [esp + 4]
        mov eax, [esp + 8]
        mov ebx, [edx + 0]
        mov esi, [edx + 4]
        mov edi, [edx + 8]
        mov ebp, [edx + 12]
        mov esp, [edx + 16]
        push dword [edx + 24]
        popfd
        jmp [edx + 20]

section __ex_table
        dd ret_from_intr.ds, ret_from_intr.bad_ds
        dd ret_from_intr.es, ret_from_intr.bad_es
        dd ret_from_intr.fs, ret_from_intr.bad_fs
        dd ret_from_intr.gs, ret_from_intr.bad_gs
        dd __copy_user.copy, __copy_user.done
        dd __clear_user.zero, __clear_user.done
