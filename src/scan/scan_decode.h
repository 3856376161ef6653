/* scan_decode.h - the decoding pass: credentials written encoded
 * (base64 in Kubernetes Secret `data:` and Docker config `"auth"`,
 * percent-encoding in a URI's user-info) are decoded and the decoded
 * text is judged by the same rules, through a child scanner; its
 * findings are reported where the encoded text stands, marked decoded.
 *
 * It costs nothing where no trigger word is: the words below are
 * literals of the engine's own matcher database (scan_db.c holds the
 * table), and a hit only records where it was (scan.c's on_hit, in the
 * scanner's scan_hits); after each scanner_piece(), scan_read.c calls
 * scan_decode_piece(), which looks at those places alone. Decoded values
 * are bounded (DECODE_MAX, SCAN_DECODE_PER_PIECE) and decoded text is
 * decoded again at most to SCAN_DECODE_DEPTH (a Secret's
 * .dockerconfigjson holds an "auth").
 *
 * Ownership: the pass makes a scanner's scan_decode when first needed
 * and hands it to the scanner (scanner_set_decoder), which frees it;
 * it owns its child scanner. Nothing outside src/scan/ includes this
 * header. It sits above scan.c and below scan_read.c, so that no two
 * objects need each other (scripts/link-cycles.py).
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

/* After scanner_piece(s, p): decode what the piece's trigger hits point
 * at and add the findings to the scanner's file; clears the hits. When
 * the matcher did not run (every rule distrusted: the reference path)
 * the trigger words are searched plainly. */
void scan_decode_piece(struct scanner *s, const struct scan_piece *p);

#endif
