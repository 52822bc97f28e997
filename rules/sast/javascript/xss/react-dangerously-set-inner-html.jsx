import DOMPurify from "dompurify";

export function Comment({ comment, bio }) {
  // ruleid: picket.javascript.xss.react-dangerously-set-inner-html
  const a = <p dangerouslySetInnerHTML={{ __html: comment.body }} />;
  // ruleid: picket.javascript.xss.react-dangerously-set-inner-html
  const b = <span dangerouslySetInnerHTML={{ __html: "<b>" + bio + "</b>" }} />;
  // ok: picket.javascript.xss.react-dangerously-set-inner-html
  const c = <p dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(comment.body) }} />;
  // ok: picket.javascript.xss.react-dangerously-set-inner-html
  const d = <p dangerouslySetInnerHTML={{ __html: "<hr/>" }} />;
  return (
    <div>
      {a}{b}{c}{d}
      <p>{comment.body}</p>
    </div>
  );
}
