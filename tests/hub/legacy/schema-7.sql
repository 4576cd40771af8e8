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
INSERT INTO "case_events" VALUES(1,'c8b15d55071e42bdac91f31cc8bd16cc','submitted','2026-03-02 01:30:00.000000','kiosk-01','{"channel": "kiosk", "agent": false}');
CREATE TABLE case_sequences (
	day DATE NOT NULL, 
	last_value INTEGER NOT NULL, 
	PRIMARY KEY (day)
);
INSERT INTO "case_sequences" VALUES('2026-03-02',1);
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
	receipt_code_hash VARCHAR(64), 
	data JSON NOT NULL, 
	submitted_at DATETIME NOT NULL, 
	due_date DATE, 
	clock_paused_days INTEGER NOT NULL, 
	PRIMARY KEY (case_id), 
	UNIQUE (terminal_id, idempotency_key), 
	UNIQUE (case_number), 
	FOREIGN KEY(item_code) REFERENCES catalog_items (code)
);
INSERT INTO "cases" VALUES('c8b15d55071e42bdac91f31cc8bd16cc','YM202603020000011','kiosk-01','93c57e80090548a98f6433e658f47edb','6f204842074ce1556f63c0a1cb7c6c4a8cd75e00805d33e277df9f6d8aa99633','GG00515001-990101-WJ','submitted','李四','11010519491231002X',NULL,'f4297b23cb26cfa44704ed30b2c0a293a2358f9c34b738e79cda30bc37ad48c7','{"item_code": "GG00515001-990101-WJ", "agent": null, "form": {"expected_date": "2026-08-01", "phone": "13900139000"}, "delivery": "electronic", "delivery_address": null, "channel": "kiosk", "ticket_id": null}','2026-03-02 01:30:00.000000',NULL,0);
CREATE TABLE catalog_items (
	code VARCHAR(64) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	department VARCHAR(100) NOT NULL, 
	data JSON NOT NULL, 
	PRIMARY KEY (code)
);
INSERT INTO "catalog_items" VALUES('GG00123001-990101-RS','城乡居民基本养老保险参保登记','示例区人力资源和社会保障局','{"code": "GG00123001-990101-RS", "basic_code": "GG00123001", "name": "\u57ce\u4e61\u5c45\u6c11\u57fa\u672c\u517b\u8001\u4fdd\u9669\u53c2\u4fdd\u767b\u8bb0", "item_type": "\u516c\u5171\u670d\u52a1", "legal_basis": "\u300a\u56fd\u52a1\u9662\u5173\u4e8e\u5efa\u7acb\u7edf\u4e00\u7684\u57ce\u4e61\u5c45\u6c11\u57fa\u672c\u517b\u8001\u4fdd\u9669\u5236\u5ea6\u7684\u610f\u89c1\u300b\uff08\u56fd\u53d1\u30142014\u30158\u53f7\uff09", "level": "\u53bf\u7ea7", "department": "\u793a\u4f8b\u533a\u4eba\u529b\u8d44\u6e90\u548c\u793e\u4f1a\u4fdd\u969c\u5c40", "sites": ["district", "street-chengdong", "street-chengxi", "street-hubin"], "ticket_category": "social_security", "promised_days": 1, "statutory_days": 5, "fee": {"amount_cny": "0", "basis": ""}, "delivery": ["electronic"], "channels": ["hall", "kiosk", "community", "online", "mobile"], "materials": [{"code": "id_card", "name": "\u5c45\u6c11\u8eab\u4efd\u8bc1", "required": true, "copies": 1, "electronic_ok": true, "note": ""}], "form": [{"name": "phone", "label": "\u8054\u7cfb\u7535\u8bdd", "kind": "phone", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "grade", "label": "\u7f34\u8d39\u6863\u6b21", "kind": "select", "required": true, "options": ["200\u5143", "500\u5143", "1000\u5143", "2000\u5143"], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}], "self_service": true}');
INSERT INTO "catalog_items" VALUES('GG00131002-990101-YB','城乡居民基本医疗保险参保登记','示例区医疗保障局','{"code": "GG00131002-990101-YB", "basic_code": "GG00131002", "name": "\u57ce\u4e61\u5c45\u6c11\u57fa\u672c\u533b\u7597\u4fdd\u9669\u53c2\u4fdd\u767b\u8bb0", "item_type": "\u516c\u5171\u670d\u52a1", "legal_basis": "\u300a\u4e2d\u534e\u4eba\u6c11\u5171\u548c\u56fd\u793e\u4f1a\u4fdd\u9669\u6cd5\u300b\u7b2c\u4e8c\u5341\u4e94\u6761", "level": "\u53bf\u7ea7", "department": "\u793a\u4f8b\u533a\u533b\u7597\u4fdd\u969c\u5c40", "sites": ["district", "street-chengdong", "street-chengxi", "street-hubin"], "ticket_category": "social_security", "promised_days": 0, "statutory_days": null, "fee": {"amount_cny": "0", "basis": ""}, "delivery": ["electronic"], "channels": ["hall", "kiosk", "community", "online", "mobile"], "materials": [{"code": "id_card", "name": "\u5c45\u6c11\u8eab\u4efd\u8bc1", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "hukou", "name": "\u6237\u53e3\u7c3f\u9996\u9875\u53ca\u672c\u4eba\u9875", "required": false, "copies": 1, "electronic_ok": true, "note": "\u975e\u672c\u5730\u6237\u7c4d\u4eba\u5458\u63d0\u4f9b\u5c45\u4f4f\u8bc1"}], "form": [{"name": "phone", "label": "\u8054\u7cfb\u7535\u8bdd", "kind": "phone", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "residence", "label": "\u5c45\u4f4f\u5730\u5740", "kind": "address", "required": true, "options": [], "max_length": 120, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}], "self_service": true}');
INSERT INTO "catalog_items" VALUES('XK00402001-990101-SJ','个体工商户设立登记','示例区市场监督管理局','{"code": "XK00402001-990101-SJ", "basic_code": "XK00402001", "name": "\u4e2a\u4f53\u5de5\u5546\u6237\u8bbe\u7acb\u767b\u8bb0", "item_type": "\u884c\u653f\u8bb8\u53ef", "legal_basis": "\u300a\u4fc3\u8fdb\u4e2a\u4f53\u5de5\u5546\u6237\u53d1\u5c55\u6761\u4f8b\u300b\u7b2c\u516b\u6761\uff1b\u300a\u4e2d\u534e\u4eba\u6c11\u5171\u548c\u56fd\u5e02\u573a\u4e3b\u4f53\u767b\u8bb0\u7ba1\u7406\u6761\u4f8b\u300b\u7b2c\u4e09\u6761", "level": "\u53bf\u7ea7", "department": "\u793a\u4f8b\u533a\u5e02\u573a\u76d1\u7763\u7ba1\u7406\u5c40", "sites": ["district", "street-chengdong"], "ticket_category": "business", "promised_days": 1, "statutory_days": 3, "fee": {"amount_cny": "0", "basis": ""}, "delivery": ["pickup", "ems", "electronic"], "channels": ["hall", "kiosk", "online"], "materials": [{"code": "application", "name": "\u4e2a\u4f53\u5de5\u5546\u6237\u767b\u8bb0\uff08\u5907\u6848\uff09\u7533\u8bf7\u4e66", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "id_card", "name": "\u7ecf\u8425\u8005\u8eab\u4efd\u8bc1\u660e", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "premises", "name": "\u7ecf\u8425\u573a\u6240\u4f7f\u7528\u8bc1\u660e", "required": true, "copies": 1, "electronic_ok": true, "note": "\u623f\u4ea7\u8bc1\u6216\u79df\u8d41\u534f\u8bae"}], "form": [{"name": "trade_name", "label": "\u4e2a\u4f53\u5de5\u5546\u6237\u540d\u79f0", "kind": "text", "required": false, "options": [], "max_length": 50, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "business_scope", "label": "\u7ecf\u8425\u8303\u56f4", "kind": "text", "required": true, "options": [], "max_length": 500, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "premises_address", "label": "\u7ecf\u8425\u573a\u6240", "kind": "address", "required": true, "options": [], "max_length": 120, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "phone", "label": "\u8054\u7cfb\u7535\u8bdd", "kind": "phone", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}], "self_service": true}');
INSERT INTO "catalog_items" VALUES('XK00405003-990101-SJ','食品经营许可（新办）','示例区市场监督管理局','{"code": "XK00405003-990101-SJ", "basic_code": "XK00405003", "name": "\u98df\u54c1\u7ecf\u8425\u8bb8\u53ef\uff08\u65b0\u529e\uff09", "item_type": "\u884c\u653f\u8bb8\u53ef", "legal_basis": "\u300a\u4e2d\u534e\u4eba\u6c11\u5171\u548c\u56fd\u98df\u54c1\u5b89\u5168\u6cd5\u300b\u7b2c\u4e09\u5341\u4e94\u6761\uff1b\u300a\u98df\u54c1\u7ecf\u8425\u8bb8\u53ef\u548c\u5907\u6848\u7ba1\u7406\u529e\u6cd5\u300b", "level": "\u53bf\u7ea7", "department": "\u793a\u4f8b\u533a\u5e02\u573a\u76d1\u7763\u7ba1\u7406\u5c40", "sites": ["district"], "ticket_category": "business", "promised_days": 5, "statutory_days": 10, "fee": {"amount_cny": "0", "basis": ""}, "delivery": ["pickup", "ems", "electronic"], "channels": ["hall", "online"], "materials": [{"code": "application", "name": "\u98df\u54c1\u7ecf\u8425\u8bb8\u53ef\u7533\u8bf7\u4e66", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "licence", "name": "\u8425\u4e1a\u6267\u7167", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "layout", "name": "\u7ecf\u8425\u573a\u6240\u5e73\u9762\u5e03\u5c40\u56fe", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "safety_rules", "name": "\u98df\u54c1\u5b89\u5168\u81ea\u67e5\u3001\u4ece\u4e1a\u4eba\u5458\u5065\u5eb7\u7ba1\u7406\u7b49\u5236\u5ea6", "required": true, "copies": 1, "electronic_ok": true, "note": ""}], "form": [{"name": "main_format", "label": "\u7ecf\u8425\u9879\u76ee", "kind": "select", "required": true, "options": ["\u9884\u5305\u88c5\u98df\u54c1\u9500\u552e", "\u70ed\u98df\u7c7b\u98df\u54c1\u5236\u552e", "\u51b7\u98df\u7c7b\u98df\u54c1\u5236\u552e", "\u81ea\u5236\u996e\u54c1\u5236\u552e"], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "phone", "label": "\u8054\u7cfb\u7535\u8bdd", "kind": "phone", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}], "self_service": false}');
INSERT INTO "catalog_items" VALUES('QR00231001-990101-GA','居民身份证换领（有效期满）','示例区公安分局','{"code": "QR00231001-990101-GA", "basic_code": "QR00231001", "name": "\u5c45\u6c11\u8eab\u4efd\u8bc1\u6362\u9886\uff08\u6709\u6548\u671f\u6ee1\uff09", "item_type": "\u884c\u653f\u786e\u8ba4", "legal_basis": "\u300a\u4e2d\u534e\u4eba\u6c11\u5171\u548c\u56fd\u5c45\u6c11\u8eab\u4efd\u8bc1\u6cd5\u300b\u7b2c\u5341\u4e00\u6761", "level": "\u53bf\u7ea7", "department": "\u793a\u4f8b\u533a\u516c\u5b89\u5206\u5c40", "sites": ["district"], "ticket_category": "residence", "promised_days": 20, "statutory_days": 60, "fee": {"amount_cny": "20", "basis": "\u300a\u5c45\u6c11\u8eab\u4efd\u8bc1\u5de5\u672c\u8d39\u6536\u8d39\u6807\u51c6\u300b"}, "delivery": ["pickup", "ems"], "channels": ["hall"], "materials": [{"code": "old_id_card", "name": "\u539f\u5c45\u6c11\u8eab\u4efd\u8bc1", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "hukou", "name": "\u5c45\u6c11\u6237\u53e3\u7c3f", "required": true, "copies": 1, "electronic_ok": true, "note": ""}], "form": [{"name": "phone", "label": "\u8054\u7cfb\u7535\u8bdd", "kind": "phone", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}], "self_service": false}');
INSERT INTO "catalog_items" VALUES('GG00310004-990101-BDC','不动产登记资料查询','示例区不动产登记中心','{"code": "GG00310004-990101-BDC", "basic_code": "GG00310004", "name": "\u4e0d\u52a8\u4ea7\u767b\u8bb0\u8d44\u6599\u67e5\u8be2", "item_type": "\u516c\u5171\u670d\u52a1", "legal_basis": "\u300a\u4e0d\u52a8\u4ea7\u767b\u8bb0\u6682\u884c\u6761\u4f8b\u300b\u7b2c\u4e8c\u5341\u4e03\u6761\uff1b\u300a\u4e0d\u52a8\u4ea7\u767b\u8bb0\u8d44\u6599\u67e5\u8be2\u6682\u884c\u529e\u6cd5\u300b", "level": "\u53bf\u7ea7", "department": "\u793a\u4f8b\u533a\u4e0d\u52a8\u4ea7\u767b\u8bb0\u4e2d\u5fc3", "sites": ["district"], "ticket_category": "housing", "promised_days": 0, "statutory_days": null, "fee": {"amount_cny": "0", "basis": ""}, "delivery": ["pickup", "electronic"], "channels": ["hall", "kiosk", "online"], "materials": [{"code": "id_card", "name": "\u67e5\u8be2\u4eba\u8eab\u4efd\u8bc1\u660e", "required": true, "copies": 1, "electronic_ok": true, "note": ""}], "form": [{"name": "purpose", "label": "\u67e5\u8be2\u76ee\u7684", "kind": "select", "required": true, "options": ["\u672c\u4eba\u540d\u4e0b\u4e0d\u52a8\u4ea7", "\u5b50\u5973\u5165\u5b66", "\u5176\u4ed6"], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}], "self_service": true}');
INSERT INTO "catalog_items" VALUES('JF00117001-990101-MZ','最低生活保障审核确认','示例区民政局（街道受理）','{"code": "JF00117001-990101-MZ", "basic_code": "JF00117001", "name": "\u6700\u4f4e\u751f\u6d3b\u4fdd\u969c\u5ba1\u6838\u786e\u8ba4", "item_type": "\u884c\u653f\u7ed9\u4ed8", "legal_basis": "\u300a\u793e\u4f1a\u6551\u52a9\u6682\u884c\u529e\u6cd5\u300b\u7b2c\u5341\u4e00\u6761\uff1b\u300a\u6700\u4f4e\u751f\u6d3b\u4fdd\u969c\u5ba1\u6838\u786e\u8ba4\u529e\u6cd5\u300b", "level": "\u4e61\u7ea7", "department": "\u793a\u4f8b\u533a\u6c11\u653f\u5c40\uff08\u8857\u9053\u53d7\u7406\uff09", "sites": ["street-chengdong", "street-chengxi", "street-hubin"], "ticket_category": "general", "promised_days": 30, "statutory_days": 30, "fee": {"amount_cny": "0", "basis": ""}, "delivery": ["pickup"], "channels": ["hall", "community"], "materials": [{"code": "application", "name": "\u6700\u4f4e\u751f\u6d3b\u4fdd\u969c\u7533\u8bf7\u4e66", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "id_card", "name": "\u5bb6\u5ead\u6210\u5458\u8eab\u4efd\u8bc1\u660e", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "income", "name": "\u5bb6\u5ead\u6536\u5165\u3001\u8d22\u4ea7\u72b6\u51b5\u8bf4\u660e\u53ca\u6388\u6743\u6838\u5bf9\u627f\u8bfa\u4e66", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "disability", "name": "\u6b8b\u75be\u4eba\u8bc1", "required": false, "copies": 1, "electronic_ok": true, "note": ""}], "form": [{"name": "household_size", "label": "\u5171\u540c\u751f\u6d3b\u5bb6\u5ead\u6210\u5458\u4eba\u6570", "kind": "number", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "phone", "label": "\u8054\u7cfb\u7535\u8bdd", "kind": "phone", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}], "self_service": false}');
INSERT INTO "catalog_items" VALUES('JF00121002-990101-CL','困难残疾人生活补贴和重度残疾人护理补贴申领','示例区残疾人联合会（街道受理）','{"code": "JF00121002-990101-CL", "basic_code": "JF00121002", "name": "\u56f0\u96be\u6b8b\u75be\u4eba\u751f\u6d3b\u8865\u8d34\u548c\u91cd\u5ea6\u6b8b\u75be\u4eba\u62a4\u7406\u8865\u8d34\u7533\u9886", "item_type": "\u884c\u653f\u7ed9\u4ed8", "legal_basis": "\u300a\u56fd\u52a1\u9662\u5173\u4e8e\u5168\u9762\u5efa\u7acb\u56f0\u96be\u6b8b\u75be\u4eba\u751f\u6d3b\u8865\u8d34\u548c\u91cd\u5ea6\u6b8b\u75be\u4eba\u62a4\u7406\u8865\u8d34\u5236\u5ea6\u7684\u610f\u89c1\u300b\uff08\u56fd\u53d1\u30142015\u301552\u53f7\uff09", "level": "\u4e61\u7ea7", "department": "\u793a\u4f8b\u533a\u6b8b\u75be\u4eba\u8054\u5408\u4f1a\uff08\u8857\u9053\u53d7\u7406\uff09", "sites": ["street-chengdong", "street-chengxi", "street-hubin"], "ticket_category": "general", "promised_days": 15, "statutory_days": null, "fee": {"amount_cny": "0", "basis": ""}, "delivery": ["pickup"], "channels": ["hall", "community", "online"], "materials": [{"code": "application", "name": "\u6b8b\u75be\u4eba\u4e24\u9879\u8865\u8d34\u7533\u8bf7\u5ba1\u6279\u8868", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "disability", "name": "\u7b2c\u4e8c\u4ee3\u6b8b\u75be\u4eba\u8bc1", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "bank_card", "name": "\u672c\u4eba\u793e\u4f1a\u4fdd\u969c\u5361\u6216\u94f6\u884c\u8d26\u6237", "required": false, "copies": 1, "electronic_ok": true, "note": ""}], "form": [{"name": "subsidy", "label": "\u7533\u8bf7\u8865\u8d34", "kind": "select", "required": true, "options": ["\u751f\u6d3b\u8865\u8d34", "\u62a4\u7406\u8865\u8d34", "\u4e24\u9879\u8865\u8d34"], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "phone", "label": "\u8054\u7cfb\u7535\u8bdd", "kind": "phone", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}], "self_service": false}');
INSERT INTO "catalog_items" VALUES('GG00515001-990101-WJ','生育登记服务','示例区卫生健康局（街道受理）','{"code": "GG00515001-990101-WJ", "basic_code": "GG00515001", "name": "\u751f\u80b2\u767b\u8bb0\u670d\u52a1", "item_type": "\u516c\u5171\u670d\u52a1", "legal_basis": "\u300a\u4e2d\u534e\u4eba\u6c11\u5171\u548c\u56fd\u4eba\u53e3\u4e0e\u8ba1\u5212\u751f\u80b2\u6cd5\u300b\u7b2c\u4e8c\u5341\u6761", "level": "\u4e61\u7ea7", "department": "\u793a\u4f8b\u533a\u536b\u751f\u5065\u5eb7\u5c40\uff08\u8857\u9053\u53d7\u7406\uff09", "sites": ["district", "street-chengdong", "street-chengxi", "street-hubin"], "ticket_category": "general", "promised_days": 0, "statutory_days": null, "fee": {"amount_cny": "0", "basis": ""}, "delivery": ["electronic"], "channels": ["hall", "kiosk", "community", "online", "mobile"], "materials": [{"code": "id_card", "name": "\u592b\u59bb\u53cc\u65b9\u5c45\u6c11\u8eab\u4efd\u8bc1", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "marriage", "name": "\u7ed3\u5a5a\u8bc1", "required": false, "copies": 1, "electronic_ok": true, "note": ""}], "form": [{"name": "expected_date", "label": "\u9884\u4ea7\u671f", "kind": "date", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "phone", "label": "\u8054\u7cfb\u7535\u8bdd", "kind": "phone", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}], "self_service": true}');
INSERT INTO "catalog_items" VALUES('GG00618002-990101-MZ','老年人优待证办理','示例区民政局（街道受理）','{"code": "GG00618002-990101-MZ", "basic_code": "GG00618002", "name": "\u8001\u5e74\u4eba\u4f18\u5f85\u8bc1\u529e\u7406", "item_type": "\u516c\u5171\u670d\u52a1", "legal_basis": "\u300a\u4e2d\u534e\u4eba\u6c11\u5171\u548c\u56fd\u8001\u5e74\u4eba\u6743\u76ca\u4fdd\u969c\u6cd5\u300b\u7b2c\u4e94\u5341\u4e03\u6761", "level": "\u4e61\u7ea7", "department": "\u793a\u4f8b\u533a\u6c11\u653f\u5c40\uff08\u8857\u9053\u53d7\u7406\uff09", "sites": ["street-chengdong", "street-chengxi", "street-hubin"], "ticket_category": "general", "promised_days": 3, "statutory_days": null, "fee": {"amount_cny": "0", "basis": ""}, "delivery": ["pickup", "ems"], "channels": ["hall", "kiosk", "community"], "materials": [{"code": "id_card", "name": "\u5c45\u6c11\u8eab\u4efd\u8bc1", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "photo", "name": "\u8fd1\u671f\u4e00\u5bf8\u514d\u51a0\u7167\u7247", "required": true, "copies": 1, "electronic_ok": true, "note": ""}], "form": [{"name": "phone", "label": "\u8054\u7cfb\u7535\u8bdd", "kind": "phone", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}], "self_service": true}');
INSERT INTO "catalog_items" VALUES('GG00230005-990101-RS','就业创业证申领','示例区人力资源和社会保障局','{"code": "GG00230005-990101-RS", "basic_code": "GG00230005", "name": "\u5c31\u4e1a\u521b\u4e1a\u8bc1\u7533\u9886", "item_type": "\u516c\u5171\u670d\u52a1", "legal_basis": "\u300a\u5c31\u4e1a\u670d\u52a1\u4e0e\u5c31\u4e1a\u7ba1\u7406\u89c4\u5b9a\u300b\u7b2c\u516d\u5341\u4e09\u6761", "level": "\u53bf\u7ea7", "department": "\u793a\u4f8b\u533a\u4eba\u529b\u8d44\u6e90\u548c\u793e\u4f1a\u4fdd\u969c\u5c40", "sites": ["district", "street-chengdong", "street-chengxi", "street-hubin"], "ticket_category": "social_security", "promised_days": 0, "statutory_days": null, "fee": {"amount_cny": "0", "basis": ""}, "delivery": ["electronic", "pickup"], "channels": ["hall", "kiosk", "community", "online", "mobile"], "materials": [{"code": "id_card", "name": "\u5c45\u6c11\u8eab\u4efd\u8bc1", "required": true, "copies": 1, "electronic_ok": true, "note": ""}], "form": [{"name": "employment_status", "label": "\u5c31\u4e1a\u72b6\u6001", "kind": "select", "required": true, "options": ["\u5931\u4e1a", "\u7075\u6d3b\u5c31\u4e1a", "\u521b\u4e1a"], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "phone", "label": "\u8054\u7cfb\u7535\u8bdd", "kind": "phone", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}], "self_service": true}');
INSERT INTO "catalog_items" VALUES('QR00240001-990101-GA','居住证申领','示例区公安分局（街道受理）','{"code": "QR00240001-990101-GA", "basic_code": "QR00240001", "name": "\u5c45\u4f4f\u8bc1\u7533\u9886", "item_type": "\u884c\u653f\u786e\u8ba4", "legal_basis": "\u300a\u5c45\u4f4f\u8bc1\u6682\u884c\u6761\u4f8b\u300b\u7b2c\u4e5d\u6761", "level": "\u53bf\u7ea7", "department": "\u793a\u4f8b\u533a\u516c\u5b89\u5206\u5c40\uff08\u8857\u9053\u53d7\u7406\uff09", "sites": ["district", "street-chengdong", "street-chengxi", "street-hubin"], "ticket_category": "residence", "promised_days": 15, "statutory_days": 15, "fee": {"amount_cny": "0", "basis": ""}, "delivery": ["pickup", "ems"], "channels": ["hall", "kiosk", "community", "online"], "materials": [{"code": "id_card", "name": "\u5c45\u6c11\u8eab\u4efd\u8bc1", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "residence_proof", "name": "\u5c45\u4f4f\u8bc1\u660e", "required": true, "copies": 1, "electronic_ok": true, "note": "\u623f\u5c4b\u79df\u8d41\u5408\u540c\u3001\u623f\u5c4b\u4ea7\u6743\u8bc1\u660e\u6216\u5355\u4f4d\u5bbf\u820d\u8bc1\u660e"}, {"code": "photo", "name": "\u8fd1\u671f\u4e00\u5bf8\u514d\u51a0\u7167\u7247", "required": false, "copies": 1, "electronic_ok": true, "note": "\u4e5f\u53ef\u5728\u7a97\u53e3\u73b0\u573a\u62cd\u6444"}], "form": [{"name": "residence_address", "label": "\u5c45\u4f4f\u5730\u5740", "kind": "address", "required": true, "options": [], "max_length": 300, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "residence_since", "label": "\u5c45\u4f4f\u8d77\u59cb\u65e5\u671f", "kind": "date", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "reason", "label": "\u7533\u9886\u4e8b\u7531", "kind": "select", "required": true, "options": ["\u5c31\u4e1a", "\u5c31\u8bfb", "\u5c45\u4f4f"], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "family", "label": "\u968f\u884c\u5bb6\u5ead\u6210\u5458", "kind": "group", "required": false, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 6, "fields": [{"name": "name", "label": "\u59d3\u540d", "kind": "text", "required": true, "options": [], "max_length": 50}, {"name": "relation", "label": "\u5173\u7cfb", "kind": "select", "required": true, "options": ["\u914d\u5076", "\u5b50\u5973", "\u7236\u6bcd", "\u5176\u4ed6"], "max_length": 200}, {"name": "id_number", "label": "\u8eab\u4efd\u8bc1\u53f7\u7801", "kind": "id_number", "required": true, "options": [], "max_length": 200}, {"name": "birth_date", "label": "\u51fa\u751f\u65e5\u671f", "kind": "date", "required": false, "options": [], "max_length": 200}]}, {"name": "phone", "label": "\u8054\u7cfb\u7535\u8bdd", "kind": "phone", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}], "self_service": true}');
INSERT INTO "catalog_items" VALUES('GG00124003-990101-RS','灵活就业人员社会保险参保登记','示例区人力资源和社会保障局','{"code": "GG00124003-990101-RS", "basic_code": "GG00124003", "name": "\u7075\u6d3b\u5c31\u4e1a\u4eba\u5458\u793e\u4f1a\u4fdd\u9669\u53c2\u4fdd\u767b\u8bb0", "item_type": "\u516c\u5171\u670d\u52a1", "legal_basis": "\u300a\u4e2d\u534e\u4eba\u6c11\u5171\u548c\u56fd\u793e\u4f1a\u4fdd\u9669\u6cd5\u300b\u7b2c\u5341\u6761\u3001\u7b2c\u4e8c\u5341\u4e09\u6761", "level": "\u53bf\u7ea7", "department": "\u793a\u4f8b\u533a\u4eba\u529b\u8d44\u6e90\u548c\u793e\u4f1a\u4fdd\u969c\u5c40", "sites": ["district", "street-chengdong", "street-chengxi", "street-hubin"], "ticket_category": "social_security", "promised_days": 3, "statutory_days": null, "fee": {"amount_cny": "0", "basis": ""}, "delivery": ["pickup", "ems"], "channels": ["hall", "kiosk", "community", "online", "mobile"], "materials": [{"code": "id_card", "name": "\u5c45\u6c11\u8eab\u4efd\u8bc1", "required": true, "copies": 1, "electronic_ok": true, "note": ""}, {"code": "employment", "name": "\u7075\u6d3b\u5c31\u4e1a\u60c5\u51b5\u8bf4\u660e", "required": false, "copies": 1, "electronic_ok": true, "note": ""}], "form": [{"name": "insurances", "label": "\u53c2\u4fdd\u9669\u79cd", "kind": "multi_select", "required": true, "options": ["\u4f01\u4e1a\u804c\u5de5\u57fa\u672c\u517b\u8001\u4fdd\u9669", "\u804c\u5de5\u57fa\u672c\u533b\u7597\u4fdd\u9669", "\u5931\u4e1a\u4fdd\u9669"], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "monthly_base", "label": "\u6708\u7f34\u8d39\u57fa\u6570\uff08\u5143\uff09", "kind": "number", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "occupation", "label": "\u4ece\u4e8b\u804c\u4e1a", "kind": "text", "required": true, "options": [], "max_length": 50, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "spouse_id", "label": "\u914d\u5076\u8eab\u4efd\u8bc1\u53f7\u7801", "kind": "id_number", "required": false, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}, {"name": "phone", "label": "\u8054\u7cfb\u7535\u8bdd", "kind": "phone", "required": true, "options": [], "max_length": 200, "min_choices": 0, "max_choices": null, "min_rows": 0, "max_rows": 10, "fields": []}], "self_service": true}');
CREATE TABLE counters (
	code VARCHAR(64) NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	category_codes JSON NOT NULL, 
	PRIMARY KEY (code)
);
INSERT INTO "counters" VALUES('W01','1号窗口（综合受理）','["general", "social_security"]');
INSERT INTO "counters" VALUES('W02','2号窗口（综合受理）','["general", "social_security", "residence"]');
INSERT INTO "counters" VALUES('W03','3号窗口（企业开办）','["business"]');
INSERT INTO "counters" VALUES('W04','4号窗口（不动产）','["housing"]');
INSERT INTO "counters" VALUES('W05','5号窗口（户政）','["residence"]');
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
INSERT INTO "hub_settings" VALUES('id_pepper','5dcf7e9c325dff8295bea052d484376bdc805fc2ce02a252088ebe6e5b67af39');
INSERT INTO "hub_settings" VALUES('catalog_version','f3faa51e4912eeb8');
INSERT INTO "hub_settings" VALUES('sample_catalog_version','f3faa51e4912eeb8');
CREATE TABLE identity_subjects (
	subject VARCHAR(64) NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	id_number VARCHAR(32) NOT NULL, 
	issued_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	PRIMARY KEY (subject)
);
INSERT INTO "identity_subjects" VALUES('3a2b65bda4736958e70aeb14d2ce2e94','李四','11010519491231002X','2026-03-02 01:30:00.000000','2026-03-02 02:30:00.000000');
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
INSERT INTO "materials" VALUES('c8b15d55071e42bdac91f31cc8bd16cc','id_card','身份证','5e1f4a7a0629065e0946a8b3cda3236e8e26cdafd9d0c42a5bfdf64fb5e7f569',21,'application/pdf',X'255044462D312E342069642063617264207363616E','2026-03-02 01:30:00.000000');
CREATE TABLE schema_version (
	version INTEGER NOT NULL, 
	applied_at DATETIME NOT NULL, 
	description VARCHAR(200) NOT NULL, 
	PRIMARY KEY (version)
);
INSERT INTO "schema_version" VALUES(1,'2026-12-07 00:42:11.920178','initial schema');
INSERT INTO "schema_version" VALUES(2,'2026-12-07 00:42:11.930618','identity code subjects');
INSERT INTO "schema_version" VALUES(3,'2026-12-07 00:42:11.934081','ticket number step');
INSERT INTO "schema_version" VALUES(4,'2026-12-07 00:42:11.935999','evaluation follow-up');
INSERT INTO "schema_version" VALUES(5,'2026-12-07 00:42:11.939690','case identity source');
INSERT INTO "schema_version" VALUES(6,'2026-12-07 00:42:11.941743','ticket item');
INSERT INTO "schema_version" VALUES(7,'2026-12-07 00:42:11.945947','case receipt code hash');
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
INSERT INTO "terminals" VALUES('kiosk-01','9277845cc7051ff88886549a6521cefaa981ae9256fa9ae353132ec123e94eee','hall','district','','2026-03-02 01:30:00.000000',NULL,NULL,'[]','');
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
INSERT INTO "ticket_categories" VALUES('general','综合受理','General services','A',1,999,1,NULL,0,8,1,0);
INSERT INTO "ticket_categories" VALUES('social_security','社保医保','Social & medical insurance','B',1,999,1,NULL,0,6,1,1);
INSERT INTO "ticket_categories" VALUES('business','企业开办','Business registration','C',1,500,1,NULL,0,15,1,2);
INSERT INTO "ticket_categories" VALUES('housing','不动产登记','Real estate registration','D',1,300,1,200,1,20,1,3);
INSERT INTO "ticket_categories" VALUES('residence','户政出入境','Household & exit-entry','E',1,400,1,NULL,1,10,1,4);
CREATE TABLE ticket_events (
	id INTEGER NOT NULL, 
	ticket_id VARCHAR(32) NOT NULL, 
	state VARCHAR(16) NOT NULL, 
	counter_code VARCHAR(64), 
	at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(ticket_id) REFERENCES tickets (ticket_id)
);
INSERT INTO "ticket_events" VALUES(1,'1b2f4913c6594181892ed7668852ac83','issued',NULL,'2026-03-02 01:30:00.000000');
CREATE TABLE ticket_sequences (
	category_code VARCHAR(64) NOT NULL, 
	service_date DATE NOT NULL, 
	last_value INTEGER NOT NULL, 
	PRIMARY KEY (category_code, service_date)
);
INSERT INTO "ticket_sequences" VALUES('general','2026-03-02',1);
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
INSERT INTO "tickets" VALUES('1b2f4913c6594181892ed7668852ac83','general','2026-03-02',1,'A001','normal','issued',NULL,NULL,NULL,'kiosk-01','f4bd638c3f7b4fdbb0be060cb467d6e7','69d833fa44de14db8b507fe86de297abddd8c2c4659c55578b6dbc57ec3620a4',NULL,NULL,NULL,0,'2026-03-02 01:30:00.000000',NULL,NULL,NULL,NULL);
CREATE INDEX ix_tickets_state ON tickets (state);
CREATE INDEX ix_tickets_service_date ON tickets (service_date);
CREATE INDEX ix_cases_state ON cases (state);
CREATE INDEX ix_appointments_id_digest ON appointments (id_digest);
CREATE INDEX ix_appointments_slot_date ON appointments (slot_date);
CREATE INDEX ix_ticket_events_ticket_id ON ticket_events (ticket_id);
CREATE INDEX ix_case_events_case_id ON case_events (case_id);
CREATE INDEX ix_identity_subjects_expires_at ON identity_subjects (expires_at);
COMMIT;
