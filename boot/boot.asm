; Multiboot v1 header and the very first instructions (Multiboot spec 0.6.96, §3.1).
;
; GRUB or QEMU's -kernel loader jumps to _start_phys in 32-bit protected
; mode with paging off, EAX = 0x2BADB002 and EBX = the physical address of
; the multiboot information. We build the boot page directory with 4 MiB
; pages (PSE): physical 0..896 MiB appears at 0xC0000000 (the direct map
; the whole kernel uses), and the first 8 MiB are also identity-mapped just
; long enough to jump up to the higher half; kmain's paging_init removes it.

%include "layout.inc"

MB_MAGIC        equ 0x1BADB002
MB_ALIGN        equ 1 << 0          ; modules page aligned
MB_MEMINFO      equ 1 << 1          ; give us mem_* and the memory map
MB_FLAGS        equ MB_ALIGN | MB_MEMINFO

PDE_PRESENT     equ 1 << 0
PDE_WRITE       equ 1 << 1
PDE_LARGE       equ 1 << 7          ; 4 MiB page (CR4.PSE)
PDE_GLOBAL      equ 1 << 8          ; survives CR3 reloads (CR4.PGE)
CR4_PSE         equ 1 << 4
CR4_PGE         equ 1 << 7
CR0_PG          equ 1 << 31
CR0_WP          equ 1 << 16         ; ring 0 honours read-only PTEs (COW in copy_to_user)

section .multiboot
align 4
        dd MB_MAGIC
        dd MB_FLAGS
        dd -(MB_MAGIC + MB_FLAGS)

section .boot.bss nobits
align 4096
global boot_page_dir
boot_page_dir:  resb 4096
global boot_stack_bottom, boot_stack_top
boot_stack_bottom:
        resb 16384
boot_stack_top:

section .boot.text
global _start
extern kmain
_start:
        cli
        mov edx, eax                ; keep the loader's magic for kmain
        mov edi, boot_page_dir - KERNEL_VIRT
        ; identity map 0..8 MiB: PDE 0 and 1
        mov dword [edi + 0], 0x000000 | PDE_PRESENT | PDE_WRITE | PDE_LARGE
        mov dword [edi + 4], 0x400000 | PDE_PRESENT | PDE_WRITE | PDE_LARGE
        ; direct map: PDE 768 + i maps physical i * 4 MiB
        mov ecx, DIRECT_MAP_MB / 4
        lea esi, [edi + (KERNEL_VIRT >> 22) * 4]
        mov eax, PDE_PRESENT | PDE_WRITE | PDE_LARGE | PDE_GLOBAL
.fill:  mov [esi], eax
        add eax, 0x400000
        add esi, 4
        loop .fill

        mov eax, cr4
        or eax, CR4_PSE | CR4_PGE
        mov cr4, eax
        mov cr3, edi
        mov eax, cr0
        or eax, CR0_PG | CR0_WP
        mov cr0, eax
        lea eax, [higher_half_entry]
        jmp eax

section .text
higher_half_entry:
        mov esp, boot_stack_top
        xor ebp, ebp                ; terminates backtraces
        push ebx                    ; kmain(magic, multiboot info physical address)
        push edx
        call kmain
.halt:  cli
        hlt
        jmp .halt
