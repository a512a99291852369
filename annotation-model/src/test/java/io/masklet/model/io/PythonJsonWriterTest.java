package io.masklet.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PythonJsonWriterTest {

  @Test
  void floatsPrintLikePythonRepr() {
    // expected strings are what CPython's repr() prints
    String[][] cases = {{"1e-05", "1e-05"}, {"0.0001", "0.0001"}, {"1e16", "1e+16"},
        {"1234567890123456.0", "1234567890123456.0"}, {"0.1", "0.1"}, {"1.5e-10", "1.5e-10"},
        {"123.456", "123.456"}, {"100.0", "100.0"}, {"1e22", "1e+22"}, {"-2.5", "-2.5"},
        {"483.0", "483.0"}, {"0.0035249812", "0.0035249812"}, {"12345678901234567.0", "1.2345678901234568e+16"},
        {"0.00012", "0.00012"}, {"5e-324", "5e-324"}};
    for (String[] c : cases) {
      assertEquals(c[1], PythonJsonWriter.floatRepr(Double.parseDouble(c[0])), c[0]);
    }
    assertEquals("-0.0", PythonJsonWriter.floatRepr(-0.0));
    assertEquals("NaN", PythonJsonWriter.floatRepr(Double.NaN));
  }

  @Test
  void structureAndEscapesFollowJsonDumpDefaults() throws Exception {
    StringWriter s = new StringWriter();
    new PythonJsonWriter(s).beginObject().key("a").beginArray().value(1).value(2.0).nullValue()
        .endArray().key("é\"\n").value("x\u007fy").key("e").beginArray().endArray().endObject();
    assertEquals("{\"a\": [1, 2.0, null], \"\\u00e9\\\"\\n\": \"x\\u007fy\", \"e\": []}", s.toString());
  }

  @Test
  void aLongStringWithoutEscapesGoesToTheWriterInOneCallNotACharacterAtATime() throws Exception {
    // an RLE counts string of a large mask: a character at a time, OutputStreamWriter allocated
    // an array per character (gigabytes for a long video's SA-V export)
    String counts = "Z".repeat(10_000) + "\\" + "Y".repeat(5_000);
    int[] calls = {0};
    StringWriter s = new StringWriter() {
      @Override
      public void write(int c) {
        calls[0]++;
        super.write(c);
      }

      @Override
      public void write(String str) {
        calls[0]++;
        super.write(str);
      }

      @Override
      public void write(String str, int off, int len) {
        calls[0]++;
        super.write(str, off, len);
      }

      @Override
      public void write(char[] cbuf, int off, int len) {
        calls[0]++;
        super.write(cbuf, off, len);
      }
    };
    new PythonJsonWriter(s).value(counts);
    assertEquals('"' + "Z".repeat(10_000) + "\\\\" + "Y".repeat(5_000) + '"', s.toString());
    // quote, run, escape, run, quote
    assertEquals(5, calls[0], "writer calls");
  }
}
