package desk

import "kovit/internal/auth"

// ViewerOf is who u is to the desk, from the permission policy; the page, the API and the
// navigation's count all ask here. An editor of several municipalities sees the one they
// chose (municipality, "" for their primary one); auth.ChooseMunicipality keeps them to
// their own.
func ViewerOf(u *auth.User, municipality string) Viewer {
	s, chosen := auth.ListScope(u), auth.ChooseMunicipality(u, municipality)
	_, editorOf := auth.ReadableDrafts(u) // every one of theirs: they may read each one's drafts
	return Viewer{UserID: u.ID, Municipality: chosen, Municipalities: s.Municipalities(),
		Queues: s.Reach == auth.Everything, MayReadNeed: auth.NeedReader(u), EditorOf: editorOf, ReadStrategy: auth.StrategyReader(u)}
}
