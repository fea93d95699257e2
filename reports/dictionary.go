package reports

// inputColumn is one column of an input file (DATA.md, "Input files").
type inputColumn struct {
	Source, Column, Type, Required, Notes string
}

// dataDictionary is the input contract of DATA.md, printed in every packet
// so a reader can see what each figure was made from.
var dataDictionary = []inputColumn{
	{"participants", "participant_id", "text", "yes", "(participant_id, enrolled_on) is unique; a person re-enrolled has several rows"},
	{"participants", "program", "text", "yes", "program of this spell"},
	{"participants", "enrolled_on", "date", "yes", ""},
	{"participants", "discharged_on", "date", "no", "blank = still enrolled; must be on or after enrolled_on; spells of one person may not overlap"},
	{"participants", "birth_year", "int", "no", ""},
	{"participants", "payer", "text", "no", "e.g. the MCO name"},

	{"staff", "staff_id", "text", "yes", "(staff_id, hire_date) is unique; spells of one person may not overlap"},
	{"staff", "role", "text", "yes", "peer_specialist, recovery_coach, family_peer_specialist, peer_bridger, supervisor, clinician, admin, other"},
	{"staff", "program", "text", "yes", ""},
	{"staff", "hire_date", "date", "yes", ""},
	{"staff", "termination_date", "date", "no", "last day employed; blank = still employed"},
	{"staff", "termination_type", "text", "no", "voluntary, involuntary, other; required when termination_date is set"},
	{"staff", "fte", "decimal", "no", "more than 0, at most 1.5"},
	{"staff", "hourly_wage", "decimal", "no", "used for program cost"},

	{"services", "service_id", "text", "yes", "unique"},
	{"services", "participant_id", "text", "yes", "must exist in participants"},
	{"services", "staff_id", "text", "yes", "must match a staff spell covering service_date"},
	{"services", "service_date", "date", "yes", ""},
	{"services", "minutes", "int", "yes*", "1 to 1440; *or give start_time and end_time (timestamps) instead"},
	{"services", "service_code", "text", "no", "e.g. H0038"},
	{"services", "billable", "bool", "yes", "the EHR billed (or will bill) this service"},
	{"services", "goal_id", "text", "no", "recovery/treatment-plan goal the note addresses; blank = not linked"},
	{"services", "note_signed_at", "timestamp", "no", "blank = note not signed"},

	{"encounters", "encounter_id", "text", "yes", "unique"},
	{"encounters", "participant_id", "text", "yes", "must exist in participants"},
	{"encounters", "setting", "text", "yes", "inpatient_psych, inpatient_medical, detox, crisis_residential, emergency, outpatient"},
	{"encounters", "admit_date", "date", "yes", "service date for emergency/outpatient"},
	{"encounters", "discharge_date", "date", "no", "blank = still admitted; must be on or after admit_date"},
	{"encounters", "involuntary", "bool", "no", "involuntary / civil-commitment admission"},
	{"encounters", "planned", "bool", "no", "planned admission"},
	{"encounters", "paid_amount", "decimal", "no", ""},

	{"timesheets", "staff_id", "text", "yes", "must match a staff spell covering work_date"},
	{"timesheets", "work_date", "date", "yes", ""},
	{"timesheets", "activity", "text", "yes", "direct_service, documentation, travel, supervision, training, meeting, admin, other, leave"},
	{"timesheets", "minutes", "int", "yes*", "1 to 1440; *or hours (decimal), or clock_in and clock_out (a clock_out earlier than clock_in ends the next day when the shift is at most 16 hours); entries given as minutes or hours not in quarter-hour increments load with a data-quality warning"},
	{"timesheets", "billable", "bool", "yes*", "*a punch clock's profile may say billable = \"unknown\": the day's billable minutes then come from the EHR's billable services"},
	{"timesheets", "miles", "decimal", "no", ""},
	{"timesheets", "entry_id", "text", "no", "the vendor's id of the entry: unique within the file when given; without it, an entry punched twice (same staff, day, clock_in and clock_out) is rejected as a duplicate entry"},

	{"surveys", "response_id", "text", "yes", "unique"},
	{"surveys", "instrument", "text", "yes", "an instrument id, e.g. mhsip_adult, peer_experience"},
	{"surveys", "program", "text", "yes", ""},
	{"surveys", "survey_date", "date", "yes", ""},
	{"surveys", "participant_id", "text", "no", "anonymous surveys leave it blank"},
	{"surveys", "q1 … qN", "int", "no", "item answers; blank or the instrument's N/A code = not answered; any other value outside the instrument's scale rejects the row"},

	{"assessments", "assessment_id", "text", "yes", "unique"},
	{"assessments", "participant_id", "text", "yes", "must exist in participants"},
	{"assessments", "assessment_date", "date", "yes", ""},
	{"assessments", "kind", "text", "yes", "intake, followup, discharge"},
	{"assessments", "housing", "text", "no", "own_or_rent, with_family, permanent_supportive, transitional, shelter, street, institution, other"},
	{"assessments", "employment", "text", "no", "full_time, part_time, unemployed_looking, not_in_labor_force, student, retired, disabled, other"},
	{"assessments", "instrument", "text", "no", "e.g. barc10; required when any item is given"},
	{"assessments", "q1 … qN", "int", "no", "item answers, checked against the instrument's scale like surveys"},
}
