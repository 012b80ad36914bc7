/* routes.c: the routes every entity gets; see crud.h.  The gate checks the
 * entity's read and write roles on each, before the handler runs. */
#include <stdio.h>

#include "crud/crud.h"
#include "core/xalloc.h"

handler_fn crud_page_list, crud_page_export, crud_page_show, crud_page_new, crud_page_edit,
	crud_page_create, crud_page_update, crud_page_archive, crud_page_attach,
	crud_page_attachment, crud_page_action, crud_page_action_form;

/* One route; patterns are built once at start and live as long as the process. */
static struct route make(const struct entity *e, const char *method, const char *suffix,
			 handler_fn *h, const char *tpl, unsigned flags, unsigned allow,
			 const char *what)
{
	char pattern[128], summary[128];
	snprintf(pattern, sizeof pattern, "/%s%s", e->name, suffix);
	snprintf(summary, sizeof summary, "%s %s", e->label, what);
	return (struct route){.method = method,
			      .pattern = xstrdup(pattern),
			      .handler = h,
			      .template = tpl,
			      .flags = flags,
			      .allow = allow,
			      .summary = xstrdup(summary),
			      .data = e};
}

size_t crud_routes(const struct entity *e, struct route *out)
{
	const unsigned r = e->allow_read, w = e->allow_write;
	const unsigned page = ROUTE_PAGE, form = ROUTE_PAGE | ROUTE_BODY;
	size_t n = 0;
	out[n++] = make(e, "GET", "", crud_page_list, "crud/list", page, r, "목록");
	out[n++] = make(e, "GET", ".csv", crud_page_export, NULL, 0, r, "CSV 내려받기");
	out[n++] = make(e, "GET", ".xlsx", crud_page_export, NULL, 0, r, "XLSX 내려받기");
	if (entity_creatable(e)) {
		out[n++] = make(e, "GET", "/new", crud_page_new, "crud/form", page, w, "등록 화면");
		out[n++] = make(e, "POST", "", crud_page_create, "crud/form", form, w, "등록");
	}
	for (size_t i = 0; i < e->n_actions; i++) { /* before /{id}: "/x/search" is no row */
		const struct action *a = &e->actions[i];
		char suffix[96];
		snprintf(suffix, sizeof suffix, "%s/%s", a->collection ? "" : "/{id}", a->name);
		out[n++] = make(e, "POST", suffix, crud_page_action, "crud/action", form | ROUTE_DB,
				a->allow, a->label);
		if (a->n_inputs && !a->collection) /* a collection's form is its module's page */
			out[n++] = make(e, "GET", suffix, crud_page_action_form, "crud/action",
					page | ROUTE_DB, a->allow, a->label);
	}
	out[n++] = make(e, "GET", "/{id}", crud_page_show, "crud/show", page, r, "상세");
	if (e->append_only) /* a ledger: corrections are new rows */
		return n;
	out[n++] = make(e, "GET", "/{id}/edit", crud_page_edit, "crud/form", page, w, "수정 화면");
	out[n++] = make(e, "POST", "/{id}", crud_page_update, "crud/form", form, w, "수정");
	out[n++] = make(e, "PATCH", "/{id}", crud_page_update, "crud/form", form, w, "수정 (API)");
	out[n++] = make(e, "POST", "/{id}/archive", crud_page_archive, NULL, form, w, "보관");
	out[n++] = make(e, "DELETE", "/{id}", crud_page_archive, NULL, form, w, "보관 (API)");
	if (e->attachments) {
		out[n++] = make(e, "POST", "/{id}/attachments", crud_page_attach, NULL,
				form | ROUTE_DB, w, "파일 첨부");
		out[n++] = make(e, "GET", "/{id}/attachments/{file}", crud_page_attachment, NULL, 0,
				r, "첨부 파일 내려받기");
	}
	return n;
}
