// A stand-in for Windows' bcryptprimitives.dll, for the Wine test only
// (scripts/wine-test.sh); it is never shipped.
//
// Go's runtime (1.22 and later) takes its random numbers from ProcessPrng
// in bcryptprimitives.dll, present since Windows 10, and stops at start-up
// without it ("fatal error: bcryptprimitives.dll not found"). Wine 8.0,
// Debian 12's, has no such DLL. This one gives ProcessPrng the same
// contract from RtlGenRandom (advapi32's SystemFunction036), which Wine has.

#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
	while (size > 0) {
		ULONG n = size > 0x10000000 ? 0x10000000 : (ULONG)size;
		if (!SystemFunction036(data, n)) {
			return FALSE;
		}
		data += n;
		size -= n;
	}
	return TRUE;
}
