package main

// Linking duckdb-go's prebuilt library with Debian's mingw-w64 needs one
// symbol of the UCRT's libstdc++ (internal/ucrtshim; empty unless built
// with the tag mingw_msvcrt).
import _ "github.com/peerstat/peerstat/internal/ucrtshim"
