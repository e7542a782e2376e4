# Turns INPUT into a C source defining SYMBOL (bytes) and SYMBOL_size.
file(READ ${INPUT} content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
string(LENGTH "${content}" hex_length)
math(EXPR size "${hex_length} / 2")
file(WRITE ${OUTPUT}
  "/* Generated from ${INPUT}; do not edit. */\n#include <stddef.h>\n"
  "extern const char ${SYMBOL}[];\nextern const size_t ${SYMBOL}_size;\n"
  "const char ${SYMBOL}[] = {${bytes} 0};\n"
  "const size_t ${SYMBOL}_size = ${size};\n")
