/* scan_decode.h - the decoding pass: credentials written encoded
 * (base64 in Kubernetes Secret `data:` and Docker config `"auth"`,
 * percent-encoding in a URI's user-info) are decoded and the decoded
 * text is judged by the same rules, through a child scanner; its
 * findings are reported where the encoded text stands, marked decoded.
 *
 * It costs nothing where no trigger word is: the words below are
 * literals of the engine's own matcher database (scan_db.c), and a hit
 * only records where it was (scan.c's on_hit); after the piece's matcher
 * call, scan_decode_piece() looks at those places alone. Decoded values
 * are bounded (DECODE_MAX, SCAN_DECODE_PER_PIECE) and decoded text is
 * decoded again at most to SCAN_DECODE_DEPTH (a Secret's
 * .dockerconfigjson holds an "auth").
 *
 * Ownership: a scanner owns its scan_decode (scan_decode_free() in
 * scanner_free()), which owns its child scanner. Nothing outside
 * src/scan/ includes this header.
 */
#ifndef AUTHAUDIT_SCAN_DECODE_H
#define AUTHAUDIT_SCAN_DECODE_H

#include <stddef.h>

#include "scan.h"

enum scan_trigger {
	SCAN_TRIGGER_NONE,
	SCAN_TRIGGER_K8S_SECRET,	/* kind: Secret */
	SCAN_TRIGGER_DOCKER_AUTH,	/* "auth" */
	SCAN_TRIGGER_URI,		/* :// */
};

/* The trigger words, ending with a NULL word. */
struct scan_trigger_word {
	const char *word;
	int exact;			/* matched with its case */
	enum scan_trigger kind;
};
extern const struct scan_trigger_word scan_trigger_words[];

#define SCAN_DECODE_DEPTH 2		/* decoded text decoded once more */
#define SCAN_DECODE_PER_PIECE 256	/* values decoded per piece, at most */

struct scan_decode;

struct scan_decode *scan_decode_new(void);
void scan_decode_free(struct scan_decode *d);
/* A trigger word of kind k starts at offset at of the current piece. */
void scan_decode_hit(struct scan_decode *d, enum scan_trigger k, size_t at);
/* After the piece's matcher call: decode what the hits point at and add
 * the findings to the scanner's file. `searched`: 0 when the matcher did
 * not run (every rule distrusted: the reference path), and the trigger
 * words are then searched plainly. Clears the hits. */
void scan_decode_piece(struct scan_decode *d, struct scanner *s,
		       const struct scan_piece *p, int searched);

#endif
