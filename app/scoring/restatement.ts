import { replyView } from "./text";

/**
 * A restatement a trainer would say, built from the owner's own words: the clauses of the owner's line that hold
 * the facts not yet restated, turned from the owner's voice to the trainee's (我 → 您, 我妈 → 您母亲), without the
 * exclamations, in one sentence: "您是说5栋2号梯卡在14楼跟15楼中间，里面是您和您母亲两个人，对吗？". Pure.
 */

/** The owner's voice turned to the listener's. Longer forms first. */
const VOICE: Array<[RegExp, string]> = [
  [/我妈妈|我妈|俺妈/g, "您母亲"],
  [/我爸爸|我爸|俺爸/g, "您父亲"],
  [/我老伴/g, "您老伴"],
  [/我爱人|我老公|我媳妇|我老婆/g, "您爱人"],
  [/我儿子/g, "您儿子"],
  [/我女儿|我闺女/g, "您女儿"],
  [/我孩子|我家孩子/g, "您家孩子"],
  [/我们家|我家|俺家/g, "您家"],
  // 我8栋2单元402的 → 您是8栋2单元402的 (an address said as who one is).
  [/^我(?=\d)/, "您是"],
  [/我们/g, "你们"],
  [/我/g, "您"],
  [/你们物业|你们/g, "我们"],
];

/** Words that carry heat, not facts: left out of a restatement. */
const HEAT = /^(喂|哎|唉|啊|天哪|我的天|你们到底管不管|到底管不管|你们管不管|有人吗|救命)[!！?？。，,]*$/;

/** A clause's opening word that ties it to the owner's last one (可是客厅地上全是水): not said back. */
const LINKING_WORD = /^(可是|但是|不过|而且|然后|结果|所以说|所以|并且|而|可(?![以能是怜])|但)/;

function inListenerVoice(clause: string, colleague: boolean): string {
  let text = clause;
  for (const [from, to] of VOICE) text = text.replace(from, to);
  // A colleague is 你, not 您.
  return colleague ? text.replace(/您/g, "你") : text;
}

/** The clauses of a line that state something, with their own text (no closing punctuation). Questions are
 * answered, not restated ("您是说什么时候给个答复，对吗？" is not what a trainer says). */
function clauses(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/([^，,。！!？?；;…\n]+)([，,。！!？?；;…\n]*)/g)) {
    if (/[？?]/.test(m[2])) continue;
    const c = m[1]
      .replace(/^[\s“”"'‘’…—-]+|[\s“”"'‘’…—-]+$/g, "")
      .replace(LINKING_WORD, "")
      .replace(/确实/g, "");
    if (c && !HEAT.test(c)) out.push(c);
  }
  return out;
}

/** The owner's clauses that mention any of `facts`, matched as the scorer reads them (三楼 is 3楼), in the owner's
 * own characters. */
function clausesHolding(ownerLine: string, facts: readonly string[]): string[] {
  const read = (text: string) => replyView(text).text.replace(/号楼/g, "栋");
  return clauses(ownerLine).filter((c) => facts.some((f) => read(c).includes(read(f))));
}

/**
 * "您是说……，对吗？" from the owner's clauses that mention any of `facts` (each a canonical form); null when the
 * owner's line holds none of them (the fact came from elsewhere, and a generic suggestion is better). A colleague's
 * report on the radio is read back, not asked about: "收到，楼下围了七八个人。"
 */
export function restatementOf(ownerLine: string, facts: readonly string[], colleague = false): string | null {
  const wanted = clausesHolding(ownerLine, facts);
  if (!wanted.length) return null;
  const body = wanted
    .slice(0, 3)
    .map((c) => inListenerVoice(c, colleague))
    .join("，");
  if (colleague) return `收到，${body}。`;
  // "您是8栋2单元402的" needs no "您是说" before it.
  return body.startsWith("您是") ? `${body}，对吗？` : `您是说${body}，对吗？`;
}

/**
 * Feeling met in the owner's own situation, for a reply whose empathy was a stock phrase: the owner's clauses that
 * hold the facts, in the listener's voice, then the feeling ("您两天没见着他了，这确实让人着急。"). Null when the
 * owner's line holds none of them: a generic wording is better than another call's example.
 */
export function acknowledgementOf(ownerLine: string, facts: readonly string[]): string | null {
  // What happened to them (两天没见着他了), never only who, where or what there is (6栋703的王大爷, 在苏州, 还有一笔十五块多的
  // 滞纳金): "在苏州，这确实让人着急" is no sentence a trainer would say, and the generic wording is.
  const wanted = clausesHolding(ownerLine, facts).filter((c) => c.length >= 4 && /[了没不要过着]/.test(c));
  if (!wanted.length) return null;
  return `${wanted
    .slice(0, 2)
    .map((c) => inListenerVoice(c, false))
    .join("，")}，这确实让人着急。`;
}
