/** Plain text as paragraphs: blank lines separate them, single line breaks stay line breaks. */
export function PlainText({ text }: { text: string }) {
  const paragraphs = text
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  return (
    <>
      {paragraphs.map((p) => (
        <p>
          {p.split("\n").map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}
