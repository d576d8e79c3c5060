package web

import (
	"kovit/internal/eservice"
	"kovit/internal/i18n"
	"kovit/internal/municipality"
)

// peerGroup is one group a municipality is compared with, named for the page.
type peerGroup struct {
	label string
	ms    []municipality.Municipality
}

// peerGroupsOf are the groups of m that a comparison table lists, from the narrowest kind
// to the whole country: the same type, population band and county, then every municipality.
func peerGroupsOf(l *i18n.Printer, m municipality.Municipality, all []municipality.Municipality) []peerGroup {
	return []peerGroup{
		{l.T("eservice.peers.type", "Type", l.T("type."+string(m.Type))), eservice.Peers(m, all, "type")},
		{l.T("eservice.peers.band", "Band", l.T("eservice.band."+eservice.BandOf(m.Population))), eservice.Peers(m, all, "band")},
		{l.T("eservice.peers.county", "County", m.CountyName), eservice.Peers(m, all, "county")},
		{l.T("eservice.peers.country"), all},
	}
}
