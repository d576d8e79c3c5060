package auth

// The landscape module's policy (issue 13): the solution catalogue and each
// municipality's IT landscape.

// CanEditCatalogue allows adding and changing solutions, accepting and merging proposals:
// the catalogue is the coordinators'.
func CanEditCatalogue(u *User) error { return CanEditNational(u) }

// CanProposeSolution allows a municipality to propose a solution the catalogue lacks:
// whoever edits some municipality's data (coordinators add solutions directly).
func CanProposeSolution(u *User) error { return CanImport(u) }

// CanReadSolution lets anyone read an accepted solution, and signed-in users the proposals
// (and merged ones, which point to where they went).
func CanReadSolution(u *User, accepted bool) error {
	if accepted {
		return nil
	}
	return CanReadInternal(u)
}

// CanReadLandscape allows a municipality's landscape rows, and who else runs a solution
// with their contacts, to signed-in users; the public sees counts per solution only.
func CanReadLandscape(u *User) error { return CanReadInternal(u) }

// CanReadContractCosts allows a row's contract (type, end, costs) to the municipality's own
// editors and coordinators, never to the public, readers or other municipalities.
func CanReadContractCosts(u *User, ehak string) error { return CanEditMunicipality(u, ehak) }

// CanEditLandscape allows declaring, changing and confirming a municipality's rows.
func CanEditLandscape(u *User, ehak string) error { return CanEditMunicipality(u, ehak) }

// CanSignOffLandscape allows the sign-off of a municipality's whole landscape to its IT
// lead, and to coordinators on its behalf; other editors of it may declare rows but not
// sign off.
func CanSignOffLandscape(u *User, ehak string) error {
	if err := CanEditMunicipality(u, ehak); err != nil {
		return err
	}
	if IsLead(u) {
		return nil
	}
	return CanEditNational(u)
}

// ContractReader is CanReadContractCosts as a yes/no per municipality, for lists and
// exports that show some rows' costs and hide others'.
func ContractReader(u *User) func(ehak string) bool {
	return func(ehak string) bool { return CanReadContractCosts(u, ehak) == nil }
}

// CanEditRecords allows a municipality's records profile to its editors and coordinators;
// anyone may read profiles, as anyone may read the e-service matrix.
func CanEditRecords(u *User, ehak string) error { return CanEditMunicipality(u, ehak) }

// CanReviewRecords allows verifying or returning a records profile, as a cell's review.
func CanReviewRecords(u *User) error { return CanEditNational(u) }

// CanProposePractice lets anyone signed in propose a practice for the library.
func CanProposePractice(u *User) error { return CanReadInternal(u) }

// CanReadPractice lets anyone read a published practice; one on its way there only
// coordinators and whoever proposed it.
func CanReadPractice(u *User, published bool, proposedBy *int64) error {
	if published {
		return nil
	}
	if err := CanReadInternal(u); err != nil {
		return err
	}
	if proposedBy != nil && *proposedBy == u.ID {
		return nil
	}
	return CanEditNational(u)
}

// CanValidatePractice allows validating, publishing, archiving and editing practices.
func CanValidatePractice(u *User) error { return CanEditNational(u) }

// CanAdopt allows adopting a practice into a municipality's own plan.
func CanAdopt(u *User, ehak string) error { return CanEditMunicipality(u, ehak) }
