/* doc.c: ownership of loaded documents. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

void doc_record_clear(struct doc_record *doc)
{
    free(doc->name);
    free(doc->source);
    free(doc->title);
    free(doc->published);
    free(doc->text);
    free(doc->regions);
    memset(doc, 0, sizeof *doc);
}

int doc_record_add_region(struct doc_record *doc, const char *kind,
                          size_t start, size_t end)
{
    struct doc_region *grown = realloc(doc->regions,
                                       (doc->region_count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    doc->regions = grown;
    grown[doc->region_count++] = (struct doc_region){kind, start, end};
    return 0;
}
