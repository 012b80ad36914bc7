/*
 * markdown.h: a knowledge item's body, Markdown (CommonMark with tables and
 * strikethrough), as HTML safe to put in a page: md4c with raw HTML
 * disabled (typed tags come out as text), and every link or image address
 * that is not http:, https:, mailto: or on this site replaced by "#", so
 * neither a <script> nor a javascript: link gets through.
 */
#ifndef INNOLAND_KNOWLEDGE_MARKDOWN_H
#define INNOLAND_KNOWLEDGE_MARKDOWN_H

#include <stddef.h>

struct buf;

/* Appends the HTML of Markdown text[0..len) to out; 0, or -1 if the text is
 * not UTF-8 or md4c failed (out then holds the text escaped, as a
 * paragraph).  The HTML of texts shown lately is kept (4 MiB at most), so
 * showing the same text again costs a comparison and a copy. */
int markdown_html(const char *text, size_t len, struct buf *out);

#endif
