package main

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/consult"
)

// Who reads what of consultations (issue 16), over HTTP for every GET route of their pages
// and API: a draft is the coordinators' alone and answers everyone else as a missing
// consultation; a comment waiting for moderation shows to the coordinators and its
// author only; a public commenter's name to the coordinators only. The test fails for a
// consultation GET route that has no case.

const (
	draftConsultation = "Salajane kavand"
	draftText         = "Mustandi salajane tekst"
	openConsultation  = "Avatud konsultatsioon"
	tallinnComment    = "Tallinna kommentaar"
	pendingComment    = "Ootel avalik kommentaar"
	publicAuthor      = "Jaan Avalik"
	author            = "author"
)

// consultFixture stores a draft and an open consultation that takes public comments, with
// Tallinn's published comment and a member of the public's waiting one; it returns the
// path replacer and the public commenter.
func consultFixture(t *testing.T, a *testApp) (*strings.Replacer, auth.User) {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	draft, err := a.store.CreateConsultation(ctx, consult.Consultation{Title: draftConsultation},
		consult.DocVersion{Sections: []consult.Section{{Heading: "Sisu", Body: draftText}}})
	if err != nil {
		t.Fatal(err)
	}
	open := openedConsultation(t, a, ctx, openConsultation, true)
	tallinn := a.user(t, "kommentaar@tallinn.test", auth.RoleEditor, "0784")
	public := a.user(t, "jaan@avalik.test", auth.RoleReader, "")
	var ids [2]int64
	for i, c := range []consult.Comment{
		{ConsultationID: open.ID, SectionKey: "2", Body: tallinnComment, AuthorID: tallinn.ID, AuthorName: "Tiit Tallinn", MunicipalityEHAK: "0784", Status: consult.Published},
		{ConsultationID: open.ID, SectionKey: "1", Body: pendingComment, AuthorID: public.ID, AuthorName: publicAuthor, Status: consult.Pending},
	} {
		k, err := a.store.AddConsultationComment(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = k.ID
	}
	return strings.NewReplacer("{cdraft}", itoa(draft.ID), "{copen}", itoa(open.ID), "{ccomment}", itoa(ids[0]), "{cpending}", itoa(ids[1])), public
}

// openedConsultation stores a two-section consultation open from ten days ago for a month.
func openedConsultation(t *testing.T, a *testApp, ctx context.Context, title string, public bool) consult.Consultation {
	t.Helper()
	today := time.Now().UTC()
	c, err := a.store.CreateConsultation(ctx, consult.Consultation{Title: title, PublicComments: public,
		OpensOn: today.AddDate(0, 0, -10).Format(time.DateOnly), ClosesOn: today.AddDate(0, 1, 0).Format(time.DateOnly)},
		consult.DocVersion{Sections: []consult.Section{{Heading: "Eesmärk", Body: "Kõik teenused e-kanalis."}, {Heading: "Tegevused", Body: "Arendame iseteeninduse."}}})
	if err != nil {
		t.Fatal(err)
	}
	if c, err = a.store.MoveConsultation(ctx, c.ID, consult.Move{To: consult.Open, Version: c.Version}); err != nil {
		t.Fatal(err)
	}
	return c
}

// seen is a 200 that shows sees and not hides.
func seen(sees, hides []string) readWant { return readWant{status: 200, sees: sees, hides: hides} }

func consultReadCases() map[string]map[string]readCase {
	draftOnly := func(sees ...string) readCase {
		return readCase{anon: {status: 404}, other: {status: 404}, reader: {status: 404}, author: {status: 404}, coord: seen(sees, nil)}
	}
	comments := readCase{anon: seen([]string{tallinnComment}, []string{pendingComment, publicAuthor}), other: seen([]string{tallinnComment}, []string{pendingComment, publicAuthor}),
		reader: seen([]string{tallinnComment}, []string{pendingComment, publicAuthor}), author: seen([]string{tallinnComment, pendingComment}, []string{publicAuthor}),
		coord: seen([]string{tallinnComment, pendingComment, publicAuthor}, nil)}
	list := readCase{anon: seen([]string{openConsultation}, []string{draftConsultation}), other: seen([]string{openConsultation}, []string{draftConsultation}),
		reader: seen([]string{openConsultation}, []string{draftConsultation}), author: seen([]string{openConsultation}, []string{draftConsultation}),
		coord: seen([]string{openConsultation, draftConsultation}, nil)}
	all := func(sees ...string) readCase {
		w := seen(sees, []string{draftText, pendingComment})
		return readCase{anon: w, other: w, reader: w, author: w, coord: seen(sees, nil)}
	}
	managers := func(refused int) readCase {
		return readCase{anon: {status: refused}, other: {status: 403}, reader: {status: 403}, author: {status: 403}, coord: {status: 200}}
	}
	return map[string]map[string]readCase{
		"GET /consultations":                    {"/consultations": list},
		"GET /consultations/new":                {"/consultations/new": managers(303)},
		"GET /consultations/{id}":               {"/consultations/{copen}": all(openConsultation, "Arendame iseteeninduse."), "/consultations/{cdraft}": draftOnly(draftText)},
		"GET /consultations/{id}/versions/new":  {"/consultations/{copen}/versions/new": managers(303), "/consultations/{cdraft}/versions/new": managers(303)},
		"GET /consultations/{id}/diff":          {"/consultations/{copen}/diff": all("Arendame iseteeninduse."), "/consultations/{cdraft}/diff": draftOnly(draftText)},
		"GET /consultations/{id}/comments":      {"/consultations/{copen}/comments": comments, "/consultations/{cdraft}/comments": draftOnly()},
		"GET /consultations/{id}/comments.csv":  {"/consultations/{copen}/comments.csv": comments, "/consultations/{cdraft}/comments.csv": draftOnly()},
		"GET /consultations/{id}/comments.xlsx": {"/consultations/{copen}/comments.xlsx": comments, "/consultations/{cdraft}/comments.xlsx": draftOnly()},
		// The public's sign-up to comment: anyone's on a consultation open to the
		// public; a draft is missing to all but its managers, who may not sign up to it.
		"GET /consultations/{id}/sign-up": {"/consultations/{copen}/sign-up": all("Sisestage oma nimi ja e-posti aadress"),
			"/consultations/{cdraft}/sign-up": readCase{anon: {status: 404}, other: {status: 404}, reader: {status: 404}, author: {status: 404}, coord: {status: 403}}},
		"GET /consultations/sign-up/confirm": {"/consultations/sign-up/confirm": all("See link ei kehti")},
		// The eID sign-up is missing without an eID gateway configured, as here
		// (TestCommenterEIDSignUp has one).
		"GET /consultations/{id}/sign-up/oidc":         {"/consultations/{copen}/sign-up/oidc": readCase{anon: {status: 404}, other: {status: 404}, reader: {status: 404}, author: {status: 404}, coord: {status: 404}}},
		"GET /api/v1/consultations":                    {"/api/v1/consultations": list},
		"GET /api/v1/consultations/{id}":               {"/api/v1/consultations/{copen}": all(openConsultation), "/api/v1/consultations/{cdraft}": draftOnly(draftText)},
		"GET /api/v1/consultations/{id}/diff":          {"/api/v1/consultations/{copen}/diff": all("iseteeninduse"), "/api/v1/consultations/{cdraft}/diff": draftOnly(draftText)},
		"GET /api/v1/consultations/{id}/comments":      {"/api/v1/consultations/{copen}/comments": comments, "/api/v1/consultations/{cdraft}/comments": draftOnly()},
		"GET /api/v1/consultations/{id}/comments.csv":  {"/api/v1/consultations/{copen}/comments.csv": comments, "/api/v1/consultations/{cdraft}/comments.csv": draftOnly()},
		"GET /api/v1/consultations/{id}/comments.xlsx": {"/api/v1/consultations/{copen}/comments.xlsx": comments, "/api/v1/consultations/{cdraft}/comments.xlsx": draftOnly()},
	}
}

func TestPermissionConsultationReads(t *testing.T) { onEngines(t, testConsultationReads) }

func testConsultationReads(t *testing.T, engine string) {
	a := startApp(t, engine)
	ids, public := consultFixture(t, a)
	cases := consultReadCases()
	for _, r := range a.routes {
		if strings.HasPrefix(r, "GET ") && strings.Contains(r, "/consultations") {
			if _, ok := cases[r]; !ok {
				t.Errorf("consultation route %q has no read case", r)
			}
		}
	}
	clients := map[string]*http.Client{
		anon:   a.client(t),
		other:  a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793")),
		reader: a.as(t, a.user(t, "lugeja@ministeerium.test", auth.RoleReader, "")),
		author: a.as(t, public),
		coord:  a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")),
	}
	for pattern, paths := range cases {
		for path, want := range paths {
			path = ids.Replace(path)
			for actor, w := range want {
				status, body := get(t, clients[actor], a.URL+path)
				body = readable(t, body)
				if status != w.status {
					t.Errorf("%s (%s) as %s: status %d, want %d\n%.300s", path, pattern, actor, status, w.status, body)
					continue
				}
				for _, s := range w.sees {
					if !strings.Contains(body, s) {
						t.Errorf("%s as %s: %q not shown", path, actor, s)
					}
				}
				for _, s := range w.hides {
					if strings.Contains(body, s) {
						t.Errorf("%s as %s: %q shown", path, actor, s)
					}
				}
			}
		}
	}
}

// consultExportFixture stores an open consultation with a comment of formula-like text,
// for the CSV exports' test, and returns the consultation's id.
func consultExportFixture(t *testing.T, a *testApp, ctx context.Context, text string) string {
	t.Helper()
	c := openedConsultation(t, a, ctx, "Valem", false)
	if _, err := a.store.AddConsultationComment(ctx, consult.Comment{ConsultationID: c.ID, SectionKey: "1", Body: "-" + text, AuthorID: 1,
		AuthorName: "Admin", MunicipalityEHAK: "0793", Status: consult.Published}); err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(c.ID, 10)
}
