package kagami.hunt.summary;

import kagami.core.Level;

/**
 * How text is emphasised. The hunt module lays the summary out; only the CLI knows whether it is writing to a
 * terminal and passes a colouring highlighter, or {@link #PLAIN}.
 */
public interface Highlighter {
    String level(Level level, String text);

    String heading(String text);

    Highlighter PLAIN = new Highlighter() {
        @Override
        public String level(Level level, String text) {
            return text;
        }

        @Override
        public String heading(String text) {
            return text;
        }
    };
}
