// Command testprogress turns `go test -json` into the plain output CI reads, plus a line per
// top-level test as it ends: without -json, go test says nothing about a package until all of
// it has run, and cmd/kovit takes minutes.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

func main() {
	if err := filter(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "testprogress:", err)
		os.Exit(1)
	}
}

// filter prints a failed test's whole output, a one-line note for a passed or skipped one, and
// every line go test prints about a package ("ok", "FAIL", build errors) as it is.
func filter(in io.Reader, out io.Writer) error {
	held := map[string]*strings.Builder{} // output of each running top-level test
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if json.Unmarshal(line, &e) != nil || e.Action == "" {
			fmt.Fprintf(out, "%s\n", line) // not an event: the go command's own message
			continue
		}
		top, _, _ := strings.Cut(e.Test, "/")
		key := e.Package + " " + top
		switch {
		case e.Action == "build-output":
			fmt.Fprint(out, e.Output)
		case e.Test == "" && e.Action == "output":
			if e.Output != "PASS\n" && !strings.HasPrefix(e.Output, "=== ") {
				fmt.Fprint(out, e.Output)
			}
		case e.Test == "" && e.Action == "fail":
			unfinished(out, held, e.Package)
		case e.Test == "":
		case e.Action == "output":
			b := held[key]
			if b == nil {
				b = &strings.Builder{}
				held[key] = b
			}
			b.WriteString(e.Output)
		case e.Test != top: // a subtest's end: its parent reports
		case e.Action == "fail":
			if b := held[key]; b != nil {
				fmt.Fprint(out, b.String())
			}
			delete(held, key)
		case e.Action == "pass" || e.Action == "skip":
			fmt.Fprintf(out, "--- %s: %s (%.2fs) %s\n", strings.ToUpper(e.Action), e.Test, e.Elapsed, e.Package)
			delete(held, key)
		}
	}
	return sc.Err()
}

// unfinished prints what the tests of a failed package that never ended had written: when a
// package times out, go test reports no test as failed, and this output names the test that
// hung and where.
func unfinished(out io.Writer, held map[string]*strings.Builder, pkg string) {
	var keys []string
	for k := range held {
		if strings.HasPrefix(k, pkg+" ") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(out, "--- UNFINISHED: %s\n%s", strings.TrimPrefix(k, pkg+" "), held[k].String())
		delete(held, k)
	}
}
