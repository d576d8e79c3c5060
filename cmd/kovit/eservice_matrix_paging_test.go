package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"kovit/internal/auth"
)

var (
	matrixRowLink  = regexp.MustCompile(`<th scope="row" class="name"><a href="/municipalities/([^/"]+)/eservices">`)
	serviceRowLink = regexp.MustCompile(`<tr><th scope="row"><a href="/eservices/([^/"]+)/SOC-001">`)
)

// between is the text of body from the first from to the next to, "" when absent.
func between(body, from, to string) string {
	_, after, ok := strings.Cut(body, from)
	if !ok {
		return ""
	}
	in, _, _ := strings.Cut(after, to)
	return in
}

// TestEServiceMatrixPages: the matrix page and a service's page list every municipality
// a page at a time (a large country's region has more than the list's page of 500; here
// pages of 30 over Estonia's 79), their figures per service count every municipality of
// the filter whatever the page, and a list that fits one page shows as before, with no
// pager.
func TestEServiceMatrixPages(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		for _, ehak := range []string{"0793", "0784", "0899"} {
			setLevel(t, a.store, ehak, "SOC-001", 3)
		}
		if err := a.store.TakeSnapshot(context.Background(), "2026-11"); err != nil {
			t.Fatal(err)
		}
		c := a.as(t, a.user(t, "lugeja@kovit.test", auth.RoleReader, ""))
		page := func(path string) string {
			t.Helper()
			status, body := get(t, c, a.URL+path)
			if status != 200 {
				t.Fatalf("%s: %d", path, status)
			}
			return body
		}

		whole := page("/eservices")
		if n := len(matrixRowLink.FindAllString(whole, -1)); n != 79 || strings.Contains(whole, `class="pager"`) {
			t.Fatalf("whole matrix: %d rows, pager %v; want 79 and no pager", n, strings.Contains(whole, `class="pager"`))
		}
		foot := between(whole, "<tfoot>", "</tfoot>")
		seen := map[string]bool{}
		for _, at := range []struct {
			offset string
			rows   int
			prev   bool
			next   bool
		}{{"0", 30, false, true}, {"30", 30, true, true}, {"60", 19, true, false}} {
			body := page("/eservices?limit=30&offset=" + at.offset)
			rows := matrixRowLink.FindAllStringSubmatch(body, -1)
			if len(rows) != at.rows || strings.Contains(body, `rel="prev"`) != at.prev || strings.Contains(body, `rel="next"`) != at.next {
				t.Errorf("offset %s: %d rows, prev %v, next %v; want %+v", at.offset, len(rows),
					strings.Contains(body, `rel="prev"`), strings.Contains(body, `rel="next"`), at)
			}
			for _, r := range rows {
				seen[r[1]] = true
			}
			if got := between(body, "<tfoot>", "</tfoot>"); got != foot {
				t.Errorf("offset %s: the figures per service count the page only:\n%s\nwant\n%s", at.offset, got, foot)
			}
		}
		if len(seen) != 79 {
			t.Errorf("the pages list %d municipalities, want all 79", len(seen))
		}

		// A filtered set over several pages: its figures are counted over the whole set.
		county := between(page("/eservices?county=0079"), "<tfoot>", "</tfoot>")
		paged := page("/eservices?county=0079&limit=2&offset=2")
		if got := between(paged, "<tfoot>", "</tfoot>"); got != county || !strings.Contains(paged, `rel="prev"`) {
			t.Errorf("Tartu county's second page: figures\n%s\nwant\n%s", got, county)
		}
		if n := len(matrixRowLink.FindAllString(paged, -1)); n != 2 {
			t.Errorf("Tartu county's second page of 2: %d rows", n)
		}
		if status, _ := get(t, c, a.URL+"/eservices?offset=-1"); status != 422 {
			t.Errorf("offset=-1: %d, want 422", status)
		}

		svc := page("/eservices/services/SOC-001")
		if n := len(serviceRowLink.FindAllString(svc, -1)); n != 79 || strings.Contains(svc, `class="pager"`) {
			t.Errorf("service page: %d rows, pager %v; want 79 and no pager", n, strings.Contains(svc, `class="pager"`))
		}
		last := page("/eservices/services/SOC-001?limit=30&offset=60")
		if n := len(serviceRowLink.FindAllString(last, -1)); n != 19 || !strings.Contains(last, `rel="prev"`) || strings.Contains(last, `rel="next"`) {
			t.Errorf("service page from 60: %d rows, want 19 with a link back only", n)
		}
		// The history counts every municipality, not the page's: 3 of 79 at level 3.
		if !strings.Contains(last, `<td class="num">3/79</td>`) {
			t.Errorf("the adoption history does not count all 79 municipalities on a later page:\n%s", between(last, "<tbody>", "</tbody>"))
		}
	})
}
