//go:build windows && mingw_msvcrt

// basic_streambuf<char>::seekpos as the UCRT's libstdc++ names it (see
// doc.go). No standard header is included: under msvcrt's headers the
// position type would be fpos<int>, the other symbol.

struct _Mbstatet {
	unsigned long _Wchar;
	unsigned short _Byte, _State;
};

namespace std {
template <class C> struct char_traits;
template <class S> struct fpos {
	long long _M_off;
	S _M_state;
};
enum _Ios_Openmode { _S_ios_openmode_end = 1L << 16 };
template <class C, class T> class basic_streambuf {
public:
	fpos<_Mbstatet> seekpos(fpos<_Mbstatet>, _Ios_Openmode);
};

// The base class's seekpos: the stream cannot seek, the position -1.
template <>
fpos<_Mbstatet> basic_streambuf<char, char_traits<char> >::seekpos(fpos<_Mbstatet>, _Ios_Openmode) {
	fpos<_Mbstatet> failed = {-1, {0, 0, 0}};
	return failed;
}
} // namespace std
