package main

import (
	"strings"
	"testing"
)

func TestFilter(t *testing.T) {
	in := `{"Action":"start","Package":"kovit/a"}
{"Action":"run","Package":"kovit/a","Test":"TestOK"}
{"Action":"output","Package":"kovit/a","Test":"TestOK","Output":"=== RUN   TestOK\n"}
{"Action":"output","Package":"kovit/a","Test":"TestOK","Output":"--- PASS: TestOK (0.50s)\n"}
{"Action":"pass","Package":"kovit/a","Test":"TestOK","Elapsed":0.5}
{"Action":"run","Package":"kovit/a","Test":"TestBad"}
{"Action":"output","Package":"kovit/a","Test":"TestBad/sub","Output":"    x_test.go:9: want 1, got 2\n"}
{"Action":"fail","Package":"kovit/a","Test":"TestBad/sub","Elapsed":0.1}
{"Action":"output","Package":"kovit/a","Test":"TestBad","Output":"--- FAIL: TestBad (0.10s)\n"}
{"Action":"fail","Package":"kovit/a","Test":"TestBad","Elapsed":0.1}
{"Action":"output","Package":"kovit/a","Output":"FAIL\n"}
{"Action":"output","Package":"kovit/a","Output":"FAIL\tkovit/a\t0.6s\n"}
{"Action":"fail","Package":"kovit/a","Elapsed":0.6}
{"Action":"run","Package":"kovit/a","Test":"TestHangs"}
{"Action":"output","Package":"kovit/a","Test":"TestHangs","Output":"panic: test timed out after 15m0s\n"}
{"Action":"fail","Package":"kovit/a","Elapsed":900}
{"Action":"output","Package":"kovit/b","Output":"PASS\n"}
{"Action":"output","Package":"kovit/b","Output":"ok  \tkovit/b\t0.1s\n"}
{"Action":"pass","Package":"kovit/b","Elapsed":0.1}
{"ImportPath":"kovit/c","Action":"build-output","Output":"# kovit/c\n"}
FAIL	kovit/c [build failed]
`
	want := `--- PASS: TestOK (0.50s) kovit/a
    x_test.go:9: want 1, got 2
--- FAIL: TestBad (0.10s)
FAIL
FAIL	kovit/a	0.6s
--- UNFINISHED: TestHangs
panic: test timed out after 15m0s
ok  	kovit/b	0.1s
# kovit/c
FAIL	kovit/c [build failed]
`
	var out strings.Builder
	if err := filter(strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}
