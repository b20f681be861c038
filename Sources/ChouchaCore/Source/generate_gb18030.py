#!/usr/bin/env python3
"""Generates GB18030+Tables.swift, the mapping data of the GB18030 decoder (GB18030.swift).

Run from anywhere, standard library only:

    python3 Sources/ChouchaCore/Source/generate_gb18030.py

The mapping comes from Python's own `gb18030` codec. Every byte sequence is decoded with
`codecs.decode(b, 'gb18030')`; nothing is typed in by hand. The output has the shape of the WHATWG
Encoding Standard's indexes (https://encoding.spec.whatwg.org/#gb18030-decoder):

* "index gb18030": the 23,940 two-byte sequences, lead 0x81-0xFE and trail 0x40-0x7E or
  0x80-0xFE, by pointer (lead - 0x81) * 190 + (trail - (0x40 if trail < 0x7F else 0x41)).
  Emitted as base64 of little-endian UInt16 code points, which the Swift side decodes once,
  lazily: a string literal compiles in no time, a 23,940-element array literal would not.
* "index gb18030 ranges": the four-byte sequences of the BMP, pointer
  (b1 - 0x81) * 12600 + (b2 - 0x30) * 1260 + (b3 - 0x81) * 10 + (b4 - 0x30) from 0 to 39419,
  as the (pointer, code point) pairs that start each run of consecutive code points, plus the
  linear supplementary-plane range starting at pointer 189000 (0x90308130) = U+10000.

One correction to Python: Python's codec keeps the GB18030-2000 mapping of 0xA8BC (U+E7C7) and
0x8135F437 (U+1E3F). GB18030-2005, which WHATWG follows, swapped them: 0xA8BC is U+1E3F (m with
acute, a pinyin letter) and 0x8135F437 is U+E7C7. The two-byte entry is corrected here; the
four-byte one is the special case for pointer 7457 in the decoder, exactly as in the WHATWG
algorithm (the ranges stay those of the standard's index, which has no break at 7457).

Everything else the script checks rather than assumes: that every two-byte sequence decodes to
one BMP scalar, that the runs cover exactly the BMP code points with no two-byte sequence, that
the supplementary range is linear to U+10FFFF, and that every other four-byte pointer is invalid.
"""

import base64
import codecs
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "GB18030+Tables.swift")

TWO_BYTE_COUNT = 126 * 190  # 23,940
BMP_LAST_POINTER = 39419  # 0x8431A439 = U+FFFF
SUPPLEMENTARY_FIRST_POINTER = 189000  # 0x90308130 = U+10000
SUPPLEMENTARY_LAST_POINTER = 1237575  # 0xE3329A35 = U+10FFFF
FOUR_BYTE_POINTER_END = 126 * 12600  # one past 0xFE39FE39

# GB18030-2005 (and WHATWG) versus GB18030-2000 (Python's codec).
A8BC_POINTER = (0xA8 - 0x81) * 190 + (0xBC - 0x41)  # 7533
A8BC_2005 = 0x1E3F
A8BC_2000 = 0xE7C7
SPECIAL_FOUR_BYTE_POINTER = 7457  # 0x8135F437: U+E7C7 in 2005, U+1E3F in 2000


def decode(b):
    return codecs.decode(b, "gb18030")


def two_byte_sequence(pointer):
    lead, t = divmod(pointer, 190)
    return bytes([0x81 + lead, t + (0x40 if t < 0x3F else 0x41)])


def four_byte_sequence(pointer):
    b1, rest = divmod(pointer, 12600)
    b2, rest = divmod(rest, 1260)
    b3, b4 = divmod(rest, 10)
    return bytes([0x81 + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4])


def fails(b):
    try:
        decode(b)
    except UnicodeDecodeError:
        return True
    return False


def two_byte_table():
    table = []
    for pointer in range(TWO_BYTE_COUNT):
        text = decode(two_byte_sequence(pointer))
        assert len(text) == 1, (pointer, text)
        code_point = ord(text)
        assert 0x80 <= code_point <= 0xFFFF and not 0xD800 <= code_point <= 0xDFFF, hex(code_point)
        table.append(code_point)
    assert table[A8BC_POINTER] in (A8BC_2000, A8BC_2005), hex(table[A8BC_POINTER])
    table[A8BC_POINTER] = A8BC_2005
    # The pointer formula skips trail 0x7F: check it (and 0xFF) is invalid, as the decoder assumes.
    assert fails(b"\x81\x7f") and fails(b"\x81\xff") and fails(b"\x80") and fails(b"\xff")
    return table


def bmp_ranges():
    ranges = []
    previous = None
    code_points = []
    for pointer in range(BMP_LAST_POINTER + 1):
        text = decode(four_byte_sequence(pointer))
        assert len(text) == 1, (pointer, text)
        code_point = ord(text)
        code_points.append(code_point)
        if previous is None or code_point != previous + 1:
            ranges.append((pointer, code_point))
        previous = code_point
    assert code_points[-1] == 0xFFFF
    assert code_points[SPECIAL_FOUR_BYTE_POINTER] in (0x1E3F, 0xE7C7)
    return ranges, code_points


def check_coverage(table, code_points):
    # With the 2005 swap, the two areas together hold every BMP scalar from U+0080 exactly once.
    four = list(code_points)
    four[SPECIAL_FOUR_BYTE_POINTER] = A8BC_2000
    everything = sorted(table + four)
    expected = [c for c in range(0x80, 0x10000) if not 0xD800 <= c <= 0xDFFF]
    assert everything == expected, "two-byte and four-byte BMP areas do not partition the BMP"


def check_supplementary_and_invalid():
    # Decode the whole supplementary range in one go and compare it with the linear formula.
    count = SUPPLEMENTARY_LAST_POINTER - SUPPLEMENTARY_FIRST_POINTER + 1
    blob = b"".join(four_byte_sequence(SUPPLEMENTARY_FIRST_POINTER + i) for i in range(count))
    text = decode(blob)
    assert len(text) == count
    for i, character in enumerate(text):
        assert ord(character) == 0x10000 + i, (i, character)
    # Every four-byte pointer outside the two ranges is invalid.
    for pointer in range(BMP_LAST_POINTER + 1, SUPPLEMENTARY_FIRST_POINTER):
        assert fails(four_byte_sequence(pointer)), pointer
    for pointer in range(SUPPLEMENTARY_LAST_POINTER + 1, FOUR_BYTE_POINTER_END):
        assert fails(four_byte_sequence(pointer)), pointer


def wrap(text, width):
    return [text[i : i + width] for i in range(0, len(text), width)]


def main():
    table = two_byte_table()
    ranges, code_points = bmp_ranges()
    check_coverage(table, code_points)
    check_supplementary_and_invalid()
    ranges.append((SUPPLEMENTARY_FIRST_POINTER, 0x10000))

    encoded = base64.b64encode(struct.pack("<%dH" % len(table), *table)).decode("ascii")
    ranges_text = " ".join("%X:%X" % pair for pair in ranges)

    version = "%d.%d.%d" % sys.version_info[:3]
    lines = [
        "// Generated by generate_gb18030.py from the gb18030 codec of Python %s. Do not edit." % version,
        "// Mapping: GB18030-2005, in the shape of the WHATWG Encoding Standard's indexes; see GB18030.swift.",
        "",
        "extension GB18030 {",
        "  /// Entries of `twoByteBase64`: one per pointer, lead 0x81-0xFE times 190 trails.",
        "  static let twoByteCount = %d" % len(table),
        "",
        "  /// index gb18030: the code point of each two-byte pointer, as little-endian UInt16, base64.",
        "  static let twoByteBase64 = \"\"\"",
    ]
    lines += ["    " + line for line in wrap(encoded, 96)]
    lines += [
        "    \"\"\"",
        "",
        "  /// index gb18030 ranges: `pointer:codePoint` in hex, each the start of a run of consecutive",
        "  /// code points, %d runs; the last is the linear supplementary range." % len(ranges),
        "  static let rangesHex = \"\"\"",
    ]
    lines += ["    " + line for line in wrap_words(ranges_text, 96)]
    lines += [
        "    \"\"\"",
        "}",
        "",
    ]
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))
    print("wrote %s: %d two-byte entries (%d base64 chars), %d ranges"
          % (OUTPUT, len(table), len(encoded), len(ranges)))


def wrap_words(text, width):
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = word if not current else current + " " + word
    if current:
        lines.append(current)
    return lines


if __name__ == "__main__":
    main()
