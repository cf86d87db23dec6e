# Turns a data file into a C++ source defining `const char <SYMBOL>[]`.
# Usage: cmake -DIN=<file> -DOUT=<file.cpp> -DSYMBOL=<name> -P embed.cmake
file(READ "${IN}" CONTENT)
get_filename_component(NAME "${IN}" NAME)
file(WRITE "${OUT}.tmp"
  "// Generated from app/core/data/${NAME} by embed.cmake; edit the data file, not this.\n"
  "namespace htk {\n"
  "extern const char ${SYMBOL}[];\n"
  "const char ${SYMBOL}[] = R\"htkdata(${CONTENT})htkdata\";\n"
  "}  // namespace htk\n")
file(RENAME "${OUT}.tmp" "${OUT}")
