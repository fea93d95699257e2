//go:build windows && mingw_msvcrt

// _snprintf, which msvcrt exports and the UCRT makes an inline function of
// its headers; code compiled against msvcrt's headers (re2 in the prebuilt
// library) calls it. _vsnprintf is in mingw-w64's UCRT import library.

#include <stdarg.h>
#include <stddef.h>

int _vsnprintf(char *buf, size_t n, const char *format, va_list args);

int _snprintf(char *buf, size_t n, const char *format, ...) {
	va_list args;
	va_start(args, format);
	int written = _vsnprintf(buf, n, format, args);
	va_end(args);
	return written;
}
