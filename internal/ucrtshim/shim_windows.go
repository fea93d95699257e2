//go:build windows && mingw_msvcrt

package ucrtshim

// #cgo CXXFLAGS: -std=c++11
import "C"
