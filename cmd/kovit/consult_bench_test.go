package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/sqlstore/sqlstoretest"
)

// BenchmarkConsultationPage serves a consultation of 20 sections with 2,000 published
// comments, half of them disposed, to a signed-in coordinator (no microcache): its page
// with each section's count, and the first page of its comments-and-responses table. The
// issue's target is under 50 ms of server time.
func BenchmarkConsultationPage(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			a := startApp(b, engine)
			coord := a.user(b, "kati@kovit.test", auth.RoleCoordinator, "")
			id := manyComments(b, a, 20, 2000)
			u, _ := url.Parse(a.URL)
			cookies := a.as(b, coord).Jar.Cookies(u)
			for _, path := range []string{"", "/comments"} {
				b.Run("page"+path, func(b *testing.B) {
					get := serveWith(a.app.handler, cookies)
					serve := func() *httptest.ResponseRecorder { return get("/consultations/" + strconv.FormatInt(id, 10) + path) }
					if rec := serve(); rec.Code != http.StatusOK {
						b.Fatalf("%s: %d", path, rec.Code)
					}
					b.ReportAllocs()
					start := cpuTime()
					for b.Loop() {
						if rec := serve(); rec.Code != http.StatusOK {
							b.Fatal(rec.Code)
						}
					}
					// The machine's other load stretches the wall time; the process's CPU time is the server's own.
					b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
				})
			}
		})
	}
}

// manyComments stores an open consultation of sections sections and n published comments
// from the municipalities' editors, every other one disposed, and returns its id.
func manyComments(b *testing.B, a *testApp, sections, n int) int64 {
	b.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	var secs []consult.Section
	for i := range sections {
		secs = append(secs, consult.Section{Heading: fmt.Sprintf("Osa %d", i+1), Body: "Omavalitsused arendavad ühiseid e-teenuseid ja jagavad lahendusi."})
	}
	today := time.Now().UTC()
	c, err := a.store.CreateConsultation(ctx, consult.Consultation{Title: "IKT strateegia 2031", OpensOn: today.AddDate(0, 0, -1).Format(time.DateOnly),
		ClosesOn: today.AddDate(0, 1, 0).Format(time.DateOnly)}, consult.DocVersion{Sections: secs})
	if err != nil {
		b.Fatal(err)
	}
	if c, err = a.store.MoveConsultation(ctx, c.ID, consult.Move{To: consult.Open, Version: c.Version}); err != nil {
		b.Fatal(err)
	}
	ehaks := []string{"0784", "0793", "0130", "0141", "0142", "0171", "0184", "0191", "0198", "0205"}
	var authors []auth.User
	for i := range (n + consult.MemberPerHour - 1) / consult.MemberPerHour {
		authors = append(authors, a.user(b, fmt.Sprintf("kommenteerija%d@kov.test", i), auth.RoleEditor, ehaks[i%len(ehaks)]))
	}
	for i := range n {
		u := authors[i/consult.MemberPerHour]
		k, err := a.store.AddConsultationComment(ctx, consult.Comment{ConsultationID: c.ID, SectionKey: strconv.Itoa(i%sections + 1),
			Passage: "e-teenuseid", Body: fmt.Sprintf("Ettepanek %d: lisage ühine teenus.", i), AuthorID: u.ID, AuthorName: u.Name,
			MunicipalityEHAK: u.MunicipalityEHAK, Status: consult.Published})
		if err != nil {
			b.Fatal(err)
		}
		if i%2 == 0 {
			if _, err := a.store.DisposeComment(ctx, k.ID, consult.Disposition{Kind: consult.Partly, Reason: "Arvestatud osaliselt.", Version: k.Version}); err != nil {
				b.Fatal(err)
			}
		}
	}
	return c.ID
}
