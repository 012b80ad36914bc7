/*
 * batch.c: statements over many rows, four shapes each (see batch.h).
 */
#include "mod/mileage/batch.h"

#include "core/buf.h"
#include "db/db.h"

static const size_t sizes[] = {64, 16, 4, 1};

size_t mileage_chunk(size_t left)
{
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		if (left >= sizes[i])
			return sizes[i];
	return 0;
}

struct db_stmt *mileage_batch_for(struct db_conn *c, struct mileage_batch *b, size_t rows)
{
	size_t k = 0;
	while (k < 4 && sizes[k] != rows)
		k++;
	if (k == 4)
		return NULL;
	if (b->shape[k])
		return b->shape[k];
	struct buf sql = BUF_INIT;
	buf_puts(&sql, b->head);
	for (size_t r = 0; r < rows; r++) {
		buf_puts(&sql, r ? (b->cols ? ", (?" : ", ?") : (b->cols ? "(?" : "?"));
		for (int i = 1; i < b->cols; i++)
			buf_puts(&sql, ", ?");
		if (b->cols)
			buf_puts(&sql, ")");
	}
	buf_puts(&sql, b->tail);
	b->shape[k] = db_prepare(c, sql.data);
	buf_free(&sql);
	return b->shape[k];
}

void mileage_batch_end(struct mileage_batch *b)
{
	for (size_t k = 0; k < 4; k++) {
		db_finalize(b->shape[k]);
		b->shape[k] = NULL;
	}
}
