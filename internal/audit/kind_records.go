package audit

// KindRecordsCriterion is a criterion of the records maturity scale (issue 13), which
// coordinators reword.
const KindRecordsCriterion = "records_criterion"
