//go:build windows && mingw_msvcrt

// _setjmp, which msvcrt exports and the UCRT calls __intrinsic_setjmp (same
// arguments); Debian's winpthreads calls it. A jump, not a call, so the
// context saved is the caller's.

	.text
	.globl	_setjmp
_setjmp:
	jmp	*__imp___intrinsic_setjmp(%rip)
