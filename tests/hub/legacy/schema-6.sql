BEGIN TRANSACTION;
CREATE TABLE appointments (
	code VARCHAR(32) NOT NULL, 
	category_code VARCHAR(64) NOT NULL, 
	item_code VARCHAR(64), 
	id_digest VARCHAR(64) NOT NULL, 
	slot_date DATE NOT NULL, 
	slot_start VARCHAR(5) NOT NULL, 
	state VARCHAR(16) NOT NULL, 
	ticket_id VARCHAR(32), 
	booked_at DATETIME NOT NULL, 
	checked_in_at DATETIME, 
	closed_at DATETIME, 
	PRIMARY KEY (code), 
	FOREIGN KEY(category_code) REFERENCES ticket_categories (code)
);
CREATE TABLE case_events (
	id INTEGER NOT NULL, 
	case_id VARCHAR(32) NOT NULL, 
	state VARCHAR(24) NOT NULL, 
	at DATETIME NOT NULL, 
	actor VARCHAR(64) NOT NULL, 
	detail JSON NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(case_id) REFERENCES cases (case_id)
);
CREATE TABLE case_sequences (
	day DATE NOT NULL, 
	last_value INTEGER NOT NULL, 
	PRIMARY KEY (day)
);
CREATE TABLE cases (
	case_id VARCHAR(32) NOT NULL, 
	case_number VARCHAR(32) NOT NULL, 
	terminal_id VARCHAR(64) NOT NULL, 
	idempotency_key VARCHAR(64) NOT NULL, 
	request_hash VARCHAR(64) NOT NULL, 
	item_code VARCHAR(64) NOT NULL, 
	state VARCHAR(24) NOT NULL, 
	applicant_name VARCHAR(100) NOT NULL, 
	applicant_id_number VARCHAR(32) NOT NULL, 
	applicant_identity_source VARCHAR(24), 
	data JSON NOT NULL, 
	submitted_at DATETIME NOT NULL, 
	due_date DATE, 
	clock_paused_days INTEGER NOT NULL, 
	PRIMARY KEY (case_id), 
	UNIQUE (terminal_id, idempotency_key), 
	UNIQUE (case_number), 
	FOREIGN KEY(item_code) REFERENCES catalog_items (code)
);
CREATE TABLE catalog_items (
	code VARCHAR(64) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	department VARCHAR(100) NOT NULL, 
	data JSON NOT NULL, 
	PRIMARY KEY (code)
);
CREATE TABLE counters (
	code VARCHAR(64) NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	category_codes JSON NOT NULL, 
	PRIMARY KEY (code)
);
CREATE TABLE evaluations (
	id INTEGER NOT NULL, 
	subject_type VARCHAR(16) NOT NULL, 
	subject_id VARCHAR(32) NOT NULL, 
	level INTEGER NOT NULL, 
	reasons JSON NOT NULL, 
	comment TEXT NOT NULL, 
	channel VARCHAR(4) NOT NULL, 
	terminal_id VARCHAR(64) NOT NULL, 
	counter_code VARCHAR(64), 
	created_at DATETIME NOT NULL, 
	follow_up TEXT, 
	followed_up_at DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (subject_type, subject_id)
);
CREATE TABLE hub_settings (
	"key" VARCHAR(64) NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);
INSERT INTO "hub_settings" VALUES('kept','yes');
CREATE TABLE identity_subjects (
	subject VARCHAR(64) NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	id_number VARCHAR(32) NOT NULL, 
	issued_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	PRIMARY KEY (subject)
);
CREATE TABLE materials (
	case_id VARCHAR(32) NOT NULL, 
	material_code VARCHAR(64) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	size INTEGER NOT NULL, 
	media_type VARCHAR(100) NOT NULL, 
	content BLOB, 
	uploaded_at DATETIME, 
	PRIMARY KEY (case_id, material_code), 
	FOREIGN KEY(case_id) REFERENCES cases (case_id)
);
CREATE TABLE schema_version (
	version INTEGER NOT NULL, 
	applied_at DATETIME NOT NULL, 
	description VARCHAR(200) NOT NULL, 
	PRIMARY KEY (version)
);
INSERT INTO "schema_version" VALUES(1,'2026-12-07 00:42:10.511466','initial schema');
INSERT INTO "schema_version" VALUES(2,'2026-12-07 00:42:10.515236','identity code subjects');
INSERT INTO "schema_version" VALUES(3,'2026-12-07 00:42:10.516631','ticket number step');
INSERT INTO "schema_version" VALUES(4,'2026-12-07 00:42:10.517914','evaluation follow-up');
INSERT INTO "schema_version" VALUES(5,'2026-12-07 00:42:10.518906','case identity source');
INSERT INTO "schema_version" VALUES(6,'2026-12-07 00:42:10.519837','ticket item');
CREATE TABLE terminals (
	terminal_id VARCHAR(64) NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	mode VARCHAR(16) NOT NULL, 
	site_code VARCHAR(64) NOT NULL, 
	description VARCHAR(200) NOT NULL, 
	registered_at DATETIME NOT NULL, 
	last_seen_at DATETIME, 
	outbox_depth INTEGER, 
	devices JSON NOT NULL, 
	software_version VARCHAR(32) NOT NULL, 
	PRIMARY KEY (terminal_id), 
	UNIQUE (token_hash)
);
CREATE TABLE ticket_categories (
	code VARCHAR(64) NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	name_en VARCHAR(100) NOT NULL, 
	prefix VARCHAR(2) NOT NULL, 
	range_start INTEGER NOT NULL, 
	range_end INTEGER NOT NULL, 
	step INTEGER NOT NULL, 
	daily_cap INTEGER, 
	real_name_limit BOOLEAN NOT NULL, 
	default_service_minutes INTEGER NOT NULL, 
	active BOOLEAN NOT NULL, 
	sort_order INTEGER NOT NULL, 
	PRIMARY KEY (code)
);
INSERT INTO "ticket_categories" VALUES('old','旧类别','Old','Z',1,99,2,NULL,0,10,1,0);
CREATE TABLE ticket_events (
	id INTEGER NOT NULL, 
	ticket_id VARCHAR(32) NOT NULL, 
	state VARCHAR(16) NOT NULL, 
	counter_code VARCHAR(64), 
	at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(ticket_id) REFERENCES tickets (ticket_id)
);
CREATE TABLE ticket_sequences (
	category_code VARCHAR(64) NOT NULL, 
	service_date DATE NOT NULL, 
	last_value INTEGER NOT NULL, 
	PRIMARY KEY (category_code, service_date)
);
CREATE TABLE tickets (
	ticket_id VARCHAR(32) NOT NULL, 
	category_code VARCHAR(64) NOT NULL, 
	service_date DATE NOT NULL, 
	seq INTEGER NOT NULL, 
	number VARCHAR(16) NOT NULL, 
	priority VARCHAR(16) NOT NULL, 
	state VARCHAR(16) NOT NULL, 
	id_digest VARCHAR(64), 
	appointment_code VARCHAR(64), 
	item_code VARCHAR(64), 
	terminal_id VARCHAR(64) NOT NULL, 
	idempotency_key VARCHAR(64), 
	request_hash VARCHAR(64) NOT NULL, 
	counter_code VARCHAR(64), 
	transferred_from VARCHAR(32), 
	transferred_to VARCHAR(32), 
	recall_count INTEGER NOT NULL, 
	issued_at DATETIME NOT NULL, 
	called_at DATETIME, 
	started_at DATETIME, 
	held_at DATETIME, 
	ended_at DATETIME, 
	PRIMARY KEY (ticket_id), 
	UNIQUE (category_code, service_date, seq), 
	UNIQUE (terminal_id, idempotency_key), 
	FOREIGN KEY(category_code) REFERENCES ticket_categories (code)
);
CREATE INDEX ix_tickets_state ON tickets (state);
CREATE INDEX ix_tickets_service_date ON tickets (service_date);
CREATE INDEX ix_cases_state ON cases (state);
CREATE INDEX ix_appointments_id_digest ON appointments (id_digest);
CREATE INDEX ix_appointments_slot_date ON appointments (slot_date);
CREATE INDEX ix_ticket_events_ticket_id ON ticket_events (ticket_id);
CREATE INDEX ix_case_events_case_id ON case_events (case_id);
CREATE INDEX ix_identity_subjects_expires_at ON identity_subjects (expires_at);
COMMIT;
