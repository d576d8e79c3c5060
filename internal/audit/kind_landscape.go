package audit

// The kinds of record of the landscape module (issue 13).
const (
	KindSolution         = "solution"
	KindLandscapeRow     = "landscape_row"
	KindLandscapeSignOff = "landscape_signoff"
	KindAdvisory         = "landscape_advisory"
	KindRecordsProfile   = "records_profile"
	KindPractice         = "practice"
	KindAdoption         = "practice_adoption"
)
