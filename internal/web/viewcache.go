package web

import (
	"net/http"

	"kovit/internal/server"
)

// viewerKept are the pages the signed-in viewers' cache may keep (server.KeepForViewer):
// the most read, whose content the address, the language, the viewer and the stored data
// decide alone. The desk is not among them: reading it records the visit that its "new
// since" marks are counted from.
var viewerKept = map[string]bool{
	"GET /municipalities":        true,
	"GET /municipalities/{ehak}": true,
	"GET /counties":              true,
	"GET /counties/{ehak}":       true,
	"GET /eservices":             true,
	"GET /plan":                  true,
	"GET /plan/{id}":             true,
}

// keepForViewer lets the viewers' cache keep r's page if it is one of viewerKept.
func keepForViewer(r *http.Request) {
	if viewerKept[r.Pattern] {
		server.KeepForViewer(r)
	}
}
