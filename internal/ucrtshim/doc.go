// Package ucrtshim lets Debian's mingw-w64 toolchain link duckdb-go's
// prebuilt Windows library into peerstat.exe (scripts/release.sh).
//
// The prebuilt library is compiled by MinGW-Builds GCC 14 for the Universal
// C Runtime (UCRT); Debian's mingw-w64 (GCC 12) targets the older msvcrt.
// The release build links the UCRT instead of msvcrt (a specs file that
// swaps -lmsvcrt for -lucrt), which supplies the C functions the library
// calls, and this package supplies the one C++ symbol that differs between
// the two runtimes' libstdc++: basic_streambuf<char>::seekpos, whose
// position type holds the C library's mbstate_t (an int under msvcrt, the
// struct _Mbstatet under the UCRT). The library only names it in the
// virtual table of an HTTP stream buffer (DuckDB's HTTP client, which
// peerstat never uses: extensions are not fetched); it gets the base
// class's behaviour, "cannot seek".
//
// It builds only with the tag mingw_msvcrt, which scripts/release.sh sets;
// a UCRT toolchain (MSYS2 UCRT64, MinGW-Builds) needs neither the tag nor
// the specs file, and its libstdc++ has the real symbol.
package ucrtshim
