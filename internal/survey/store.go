package survey

import "context"

// Store is what the module needs from storage. Every change is audited and takes the user
// from the context; permissions are the caller's to check (auth's policy). Surveys and
// responses carry a version: a save based on an older one fails with kovit.EConflict.
type Store interface {
	ListSurveys(ctx context.Context) ([]Survey, error)
	Survey(ctx context.Context, id int64) (Survey, error)
	CreateSurvey(ctx context.Context, s Survey) (Survey, error)
	// UpdateSurvey changes a survey; its questions only while no response is approved.
	UpdateSurvey(ctx context.Context, s Survey) (Survey, error)

	// Response is a municipality's response; one not yet started comes prefilled from
	// its approved response to the survey's PreviousID (version 0, not stored).
	Response(ctx context.Context, surveyID int64, ehak string) (Response, error)
	// Responses lists the survey's stored responses, by municipality.
	SurveyResponses(ctx context.Context, surveyID int64) ([]Response, error)
	// SaveResponse stores the answers of a draft (Check, partial allowed); submit also
	// checks them complete and moves the response to submitted.
	SaveResponse(ctx context.Context, r Response, submit bool) (Response, error)
	// ApproveResponse makes a submitted response the municipality's official one.
	ApproveResponse(ctx context.Context, surveyID int64, ehak string, version int) (Response, error)
	// RemindSurvey tells the editors of every municipality without an approved response
	// that the survey is due; it returns how many municipalities were reminded.
	RemindSurvey(ctx context.Context, surveyID int64) (int, error)
}
