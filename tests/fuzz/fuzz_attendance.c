/* fuzz_attendance.c: libFuzzer target for the attendance sheet of the bulk
 * completion (courses/attendance.c), CSV or XLSX.  Whatever the bytes,
 * reading must not crash and must keep attendance.h's promises: every row
 * kept has a non-empty employee number of valid UTF-8 that fits, hours
 * unknown (-1) or 0..1000, lines growing; every problem is a line, an
 * employee number and a Korean message; a refused sheet says why. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/utf8.h"
#include "mod/courses/attendance.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct attendance_sheet s;
	enum err e = attendance_parse(data, size, &s);
	assert(e == ERR_OK || e == ERR_INVALID);
	assert(json_is_array(s.problems));
	if (e == ERR_INVALID)
		assert(json_array_size(s.problems) >= 1);
	size_t line = 0;
	for (size_t i = 0; i < s.n; i++) {
		const struct attendance_row *a = &s.rows[i];
		size_t n = strlen(a->employee_no);
		assert(n > 0 && n < sizeof a->employee_no);
		assert(utf8_valid(a->employee_no, n));
		assert(a->hours >= -1 && a->hours <= 1000);
		assert(a->line > line);
		line = a->line;
	}
	size_t i;
	json_t *p;
	json_array_foreach(s.problems, i, p)
	{
		assert(json_is_integer(json_object_get(p, "line")));
		assert(json_is_string(json_object_get(p, "employee_no")));
		const char *msg = json_string_value(json_object_get(p, "message"));
		assert(msg && *msg);
	}
	attendance_free(&s);
	return 0;
}
