import { describe, expect, it } from "vitest";
import { clausesOf, recogniseActs } from "./acts";
import { readLexicon } from "./lexicon-files.server";
import { lettersOf, replyView } from "./text";

const lexicon = readLexicon();
const actsIn = (text: string, withModel = false) =>
  recogniseActs(replyView(text), lexicon.acts, lexicon, withModel ? lexicon.actModel : null).map((h) => h.act);

describe("the act recogniser", () => {
  it("reads a pattern's numbers as it reads the reply's: 放一百个心 in a pattern matches 放一百个心 in a reply", () => {
    // The reply reads 一百个 as 100个; a pattern written in characters is read the same way.
    expect(replyView("您放一百个心。").text).toContain("100");
    expect(actsIn("您放一百个心，五分钟就到。")).toContain("over-promise");
  });

  it("reads numerals as a number only up to a word that begins with 一 (周三一定 is not 31; 十一点 is 11点)", () => {
    expect(replyView("下周三一定修好").text).toBe("下周三一定修好");
    expect(replyView("十一点前，三栋一二零二").text).toBe("11点前,3栋1202");
  });

  it("splits a reply into clauses, a question keeping its mark", () => {
    expect(clausesOf("您好,请问几栋?我马上派人。").map((c) => c.text)).toEqual(["您好", "请问几栋?", "我马上派人"]);
  });

  it("never rests the model's evidence on a clause that is only a name (周阿姨, 赵先生)", () => {
    for (const text of ["周阿姨，管，这个必须管。我现在就让保安小王上1202，让他们马上停。", "赵先生，先别跺脚！灯也别弄，门铃也别按，这些都可能打火。"]) {
      const view = replyView(text);
      const guessed = recogniseActs(view, lexicon.acts, lexicon, lexicon.actModel).filter((h) => h.byModel);
      expect(guessed.length, text).toBeGreaterThan(0);
      for (const h of guessed) expect(lettersOf(view.text.slice(h.from, h.to)).length, `${h.act} on ${text}`).toBeGreaterThanOrEqual(4);
    }
  });

  it("lets a negation before the words cancel an act that says so (别着急 names no feeling)", () => {
    expect(actsIn("您先别着急。")).not.toContain("feeling-named");
    expect(actsIn("您肯定很着急。")).toContain("feeling-named");
  });

  it("protecting the owner's privacy argues with nobody; a consequence warned of brushes nobody off", () => {
    expect(actsIn("把业主名字挂到群里也是侵犯您隐私的事，我们不干。")).not.toContain("argue");
    expect(actsIn("您进去出点事，她们更没人管。")).not.toContain("brush-off");
    expect(actsIn("手机响、电视开着没人接，八十二岁一个人住，我现在就打120和110。")).not.toContain("brush-off");
  });

  it("talking an owner out of a confrontation is counsel, not a lecture", () => {
    expect(actsIn("下楼当面找邻居，我劝您先别去，今天大家都在气头上。")).not.toContain("lecture");
    expect(actsIn("您当初就该看清楚合同。")).toContain("lecture");
  });

  it("shows a clause as the model's evidence, never a window across a comma, and credits no apology without words of one", () => {
    const text = "发到群里让大家认，认对了，对方说我们泄露隐私；认错了，冤枉了邻居。";
    const view = replyView(text);
    const hits = recogniseActs(view, lexicon.acts, lexicon, lexicon.actModel);
    expect(hits.map((h) => h.act)).not.toContain("apology");
    const other = replyView("您这一趟趟跑，真是受累了，救护车进来我们保安去引路。");
    const guessed = recogniseActs(other, lexicon.acts, lexicon, lexicon.actModel).filter((h) => h.byModel);
    expect(guessed.length).toBeGreaterThan(0);
    const clauses = clausesOf(other.text);
    for (const h of guessed)
      expect(
        clauses.some((c) => c.from === h.from && c.to === h.to),
        `${h.act} ${other.text.slice(h.from, h.to)}`,
      ).toBe(true);
  });

  it("keeps a trainer's exception over the model's guess", () => {
    // 请您理解 asks the owner to understand us: an exception of feeling-named, whatever the model thinks.
    expect(actsIn("请您理解。", true)).not.toContain("feeling-named");
  });

  it("adds strengths the patterns missed, never faults", () => {
    const model = lexicon.actModel!;
    const faults = new Set(lexicon.acts.filter((a) => a.kind === "issue").map((a) => a.id));
    expect(model.acts.some((a) => faults.has(a))).toBe(false);
    const hits = recogniseActs(replyView("换作谁天天抱着孩子扛着婴儿车爬九楼都吃不消。"), lexicon.acts, lexicon, model);
    expect(hits.map((h) => h.act)).toContain("hardship-named");
  });

  it("believes the model only on words: a bill's arithmetic is no hardship and no time, 没有 alone asks after nobody", () => {
    const bill = actsIn("没有滞纳金。是这么算的：您家面积一百一十平，每平米两块四，一个月二百六十四，一到五月五个月，264乘5，一共一千三百二十元。", true);
    expect(bill).not.toContain("hardship-named");
    expect(bill).not.toContain("concrete-time");
    expect(bill).not.toContain("ask-wellbeing");
    expect(actsIn("就占用您两分钟，您现在方便吗？", true)).not.toContain("ask-wellbeing");
    // Still recognised where the words are there.
    expect(actsIn("阿姨现在感觉怎么样？有没有头晕？", true)).toContain("ask-wellbeing");
    expect(actsIn("明天下午五点前给您回电话。", true)).toContain("concrete-time");
  });

  it("hears an instruction in 别碰, not in 没碰 (a description is not a safety instruction)", () => {
    expect(actsIn("千万别碰开关！")).toContain("safety-instruction");
    expect(actsIn("幸好没碰上人。")).not.toContain("safety-instruction");
    expect(actsIn("他不会碰您家的东西。")).not.toContain("safety-instruction");
  });

  it("does not take the owner's request reported onward for a promise to waive", () => {
    expect(actsIn("您要免那一周物业费的要求我原话报给经理了，一起答复。")).not.toContain("over-promise");
    expect(actsIn("那一周的物业费给您免了。")).toContain("over-promise");
  });

  it("does not take our own failure (为什么没人回访) or a refusal (答复不了您) for a follow-up", () => {
    expect(actsIn("工程主管去查为什么没人回访。")).not.toContain("follow-up");
    expect(actsIn("能不能分期我现在答复不了您。")).not.toContain("follow-up");
    expect(actsIn("明天下午五点前给您回电话说结果。")).toContain("follow-up");
  });

  it("hears a yes or no at the head of the reply as a direct answer", () => {
    expect(actsIn("不会的，刘先生。我们不会停您家的水电。")).toContain("direct-answer");
    expect(actsIn("我们这边会再看看。")).not.toContain("direct-answer");
    expect(actsIn("哪能呢，孙先生，这种事我们不干。")).toContain("direct-answer");
    expect(actsIn("没算滞纳金，账单里滞纳金是零。")).toContain("direct-answer");
    expect(actsIn("您先不要着急，我马上派人。")).not.toContain("direct-answer");
    // Only at the head of the reply: a 不会 deep in it answers nothing.
    expect(actsIn("我先查一下记录。明天给您回电话。不会的话我再问问。")).not.toContain("direct-answer");
  });

  it("hears the group being calmed and the talk moved to a room, but sitting down to talk is no safety instruction", () => {
    expect(actsIn("几位邻居，大厅人多，我们到旁边会议室坐下来慢慢说好吗？", true)).not.toContain("safety-instruction");
    expect(actsIn("阿姨，您扶着扶手坐下，千万别扒门。", true)).toContain("safety-instruction");
    expect(actsIn("第三，王大爷礼拜四上午去医院，需要人帮忙下楼。", true)).not.toContain("safety-instruction");
  });

  it("takes 又不是针对您 for a retort, and 这个规定对每一户都一样，不是针对您 for no argument", () => {
    expect(actsIn("这规矩又不是针对您一个人定的。")).toContain("argue");
    expect(actsIn("这个规定对每一户都一样，不是针对您。")).not.toContain("argue");
  });

  it("hears care shown by what is done for the person (a seat, water, the doctor first), not a seat offered for a talk", () => {
    expect(actsIn("孩子先坐这儿，我给他倒杯温水。")).toContain("care-in-action");
    expect(actsIn("救护人员一到先给阿姨看。")).toContain("care-in-action");
    expect(actsIn("礼拜四上午我们派人到11楼接您下楼，送您上车。")).toContain("care-in-action");
    expect(actsIn("大家到会议室坐下来慢慢说。")).not.toContain("care-in-action");
    expect(actsIn("您把水阀关上。")).not.toContain("care-in-action");
  });

  it("hears a follow-up promised to a group, or an answer brought to their faces", () => {
    expect(actsIn("今天下午五点前一起答复大家。")).toContain("follow-up");
    expect(actsIn("今天下午五点前，项目经理带着厂家的书面到货日期来会议室，当着三位的面说清楚。")).toContain("follow-up");
    expect(actsIn("礼拜四上午去医院复查这事我记下了。")).not.toContain("follow-up");
  });

  it("does not take 'I cannot give you…' for doing something now", () => {
    expect(actsIn("具体哪天到我现在不能随口给您一个日子。")).not.toContain("action-now");
  });

  it("names a feeling as the owner's own (您的委屈) and what caused it (老人被砸门吓着)", () => {
    expect(actsIn("您的委屈我们一样当回事。")).toContain("feeling-named");
    expect(actsIn("您家老人被砸门吓着的事，我们记下了。")).toContain("feeling-named");
    expect(actsIn("您先别生气。")).not.toContain("feeling-named");
  });

  it("hears a visit at a stated time as a follow-up, and 'it was posted in the group' as none", () => {
    expect(actsIn("您今天不想谈了，我不勉强，明天我上门找您，好吗？")).toContain("follow-up");
    expect(actsIn("6月20号就公示了，大堂和业主群里都发了。")).not.toContain("follow-up");
  });

  it("does not take 可不能怪我们 for owning a fault", () => {
    expect(actsIn("您自己没看到可不能怪我们。")).not.toContain("apology");
    expect(actsIn("这事怪我们，没提前通知。")).toContain("apology");
  });

  it("does not take 'unplug it once the power is off' for unsafe advice, and still names 'go and unplug it'", () => {
    expect(actsIn("别去拔！先拉总闸，拉完电以后再去拔插头都不迟。")).not.toContain("unsafe-advice");
    expect(actsIn("您去把插头拔了。")).toContain("unsafe-advice");
  });

  it("names a light woken by stamping in the gas as unsafe, a light that is off negating nothing, and the warning as safe", () => {
    expect(actsIn("你先看看是哪家漏的，灯不亮你跺一下脚就亮了。")).toContain("unsafe-advice");
    expect(actsIn("楼道灯不亮您就使劲跺两下，亮了再挨家敲门。")).toContain("unsafe-advice");
    expect(actsIn("灯不亮也别跺脚，跺一下灯就亮，一亮就可能打火。")).not.toContain("unsafe-advice");
    expect(actsIn("千万别跺脚，声控灯一亮就可能打出火花。")).not.toContain("unsafe-advice");
    expect(actsIn("别拍手也别跺脚，黑着走，扶着扶手下楼。")).not.toContain("unsafe-advice");
    // Prying named only to compare (警察一到您把钥匙交给他们，比撬门还快) is no advice to pry.
    expect(actsIn("警察一到您把钥匙交给他们，比撬门还快。")).not.toContain("unsafe-advice");
    expect(actsIn("门打不开就撬门，比等警察快。")).toContain("unsafe-advice");
  });

  it("does not take wanting to know why for blame, nor a limit followed by what will be done for a brush-off", () => {
    expect(actsIn("我今天打电话，就是想知道您为什么没交。")).not.toContain("blame");
    expect(actsIn("这个办法我这儿没法给您单独改，也不能答应您少收。但您这个意见有道理，我今天写好转给业委会。")).not.toContain("brush-off");
    expect(actsIn("这个没法给您弄。")).toContain("brush-off");
  });

  it("reads a phone nobody answers as a fact, a limit on others' timing as honest, and care for the owner's interest as care", () => {
    expect(actsIn("车主登记的电话打了四遍，还是没人接。")).not.toContain("brush-off");
    expect(actsIn("今晚没人去接您，明天再说。")).toContain("brush-off");
    expect(actsIn("警察多久到我没法替他们打包票。")).toContain("honest-limit");
    expect(actsIn("配件到货时间工程部还在催，我现在给不出准确日子，给了也是骗您。")).toContain("honest-limit");
    expect(actsIn("物业能做的是协调和提醒，再往上可以请社区调解。")).toContain("honest-limit");
    expect(actsIn("车主回头追究，吃亏的是您自己，不值当。")).not.toContain("blame");
    expect(actsIn("这是您自己没看通知。")).toContain("blame");
  });

  it("hears steps taken in hand without 现在 (我会把……登记上，跟主管反映), but not a bare 我会跟进的", () => {
    expect(actsIn("这次我会把前两次的维修情况一起登记上，跟主管反映一下，让工程部把原因查清楚。")).toContain("action-now");
    expect(actsIn("您放心，我这边会跟进的。")).not.toContain("action-now");
    expect(actsIn("让师傅过来也没用。")).not.toContain("action-now");
  });

  it("names chasing us again and again as the owner's hardship, and does not take 'stop calling' for a safety instruction", () => {
    expect(actsIn("这次一定修好，不让您再反复报修了。")).toContain("hardship-named");
    expect(actsIn("您别反复打电话了，我们知道了。")).not.toContain("hardship-named");
    expect(actsIn("您别反复打电话了，我们知道了。")).not.toContain("safety-instruction");
    expect(actsIn("千万别打电话，先到楼外去。")).toContain("safety-instruction");
  });

  it("does not take asking a neighbour to hurry for a vague promise to the owner", () => {
    expect(actsIn("我打1302登记的电话，请他们尽快配合我们上去检查。")).not.toContain("vague-promise");
    expect(actsIn("我们会尽快安排。")).toContain("vague-promise");
  });

  it("hears praise for what the owner did and 'hold on, nearly there' as reassurance, a question as none", () => {
    expect(actsIn("您没拍灯是对的，一点火花都可能出事。")).toContain("reassurance");
    expect(actsIn("再坚持几分钟，门马上就开了。")).toContain("reassurance");
    expect(actsIn("您这样做是对的吗？")).not.toContain("reassurance");
  });

  it("takes 别着急 for no feeling named, even where the model would guess one, and 很快就会到 for a vague promise", () => {
    expect(actsIn("您先陪着阿姨，别着急。", true)).not.toContain("feeling-named");
    expect(actsIn("您别着急，我理解您着急的心情。", true)).toContain("feeling-named");
    expect(actsIn("维保公司一般接到电话很快就会到的。")).toContain("vague-promise");
  });

  it("hears 给您回个电话 as a follow-up (请您回个电话 asks the owner instead), and 特别生气 as a feeling named", () => {
    expect(actsIn("今天处理完之后我们会给您回个电话说明情况。")).toContain("follow-up");
    expect(actsIn("麻烦您回个电话。")).not.toContain("follow-up");
    expect(actsIn("我知道您现在特别生气。", true)).toContain("feeling-named");
  });

  it("hears a threat as a condition on the owner and what we will do to them, never the procedure (联系不上就报警)", () => {
    expect(actsIn("您要是再不交，下个月门禁卡就给您停了。")).toContain("threat");
    expect(actsIn("车再停这儿，明天我直接叫拖车，拖车费你自己出。")).toContain("threat");
    expect(actsIn("你信不信我叫保安？")).toContain("threat");
    expect(actsIn("车主联系不上，下一步就报警，请交警来处理。")).not.toContain("threat");
    // Round k54's tuned expert, to the guard: the car owner unreachable, the police are the procedure, said any way.
    expect(actsIn("你别急，这事不会拖一晚上：车主再联系不上，我直接找主管报派出所。")).not.toContain("threat");
    expect(actsIn("你再把车堵在这儿，我直接报派出所。")).toContain("threat");
    expect(actsIn("要是深夜还吵，您也可以直接报警。")).not.toContain("threat");
    // Told to wait for help on its way is curt, not a threat (found playing burst-pipe as a careless trainee).
    expect(actsIn("知道了，师傅一会儿就到，你等着吧。")).not.toContain("threat");
    expect(actsIn("知道了，师傅一会儿就到，你等着吧。")).toContain("impatient-rude");
    expect(actsIn("你等着吧，这事没完。")).toContain("threat");
  });

  it("round k58's tuned expert, in her words: a switch named for the spark it makes is a warning; the owner told he was right to come is no argument", () => {
    expect(actsIn("燃气公司师傅还在楼里查，这时候有人开门、开灯，一个火星就可能出大事。")).not.toContain("unsafe-advice");
    expect(actsIn("开灯没事，不会有火花。")).toContain("unsafe-advice");
    expect(actsIn("车在小区里砸了，您来找物业，一点没错。")).not.toContain("argue");
    expect(actsIn("我们一点没错。")).toContain("argue");
  });

  it("round k61's tuned expert, in her words: 先赔 refused in its own words is no promise; 不管找谁赔 is not 你找谁", () => {
    expect(actsIn("今天先赔这个话我不能应您。", true)).not.toContain("over-promise");
    expect(actsIn("这个钱我们先赔给您。", true)).toContain("over-promise");
    expect(actsIn("修车的报价单、发票都留好，后面不管找谁赔都用得上。", true)).not.toContain("impatient-rude");
  });

  it("round k64's tuned expert, in her words: the owner's own number read back to her is no leak; her sense of unfairness called natural makes light of nothing", () => {
    expect(actsIn("我把您的电话再核对一下，是系统里登记的那个139开头的号码吧？")).not.toContain("privacy-leak");
    expect(actsIn("车主电话是139开头的，我念给您记一下。")).toContain("privacy-leak");
    expect(actsIn("家里空着还照样摊，觉得吃亏很正常。")).not.toContain("minimise");
    expect(actsIn("楼上有点声音很正常。")).toContain("minimise");
  });

  it("round k75's tuned expert, in her words: the owner's own number checked with 是139开头那个吗 is no leak", () => {
    expect(actsIn("中午12点前我打您登记的手机，先跟您核对一下号码，是139开头那个吗？")).not.toContain("privacy-leak");
    expect(actsIn("楼上那家的电话是139开头那个，您自己打。")).toContain("privacy-leak");
  });

  it("round k65's tuned expert, in her words: what a screenshot in the group would bring on is no comparison with elsewhere", () => {
    expect(actsIn("截图发业主群不行，万一认错一家，人家反过来找您，事情就更乱了。")).not.toContain("minimise");
    expect(actsIn("人家别的小区停了三天呢。")).toContain("minimise");
    expect(actsIn("别人家都没反映，应该没多大问题。")).toContain("minimise");
    expect(actsIn("应该没多大问题，您别太担心。")).toContain("minimise");
    expect(actsIn("师傅看过了，接头换一个就好，没多大问题的活，今晚就能修好。")).not.toContain("minimise");
  });

  it("round k66's tuned expert, in her words: a list of don'ts for the guard (别喊也别上楼) is no curtness", () => {
    expect(actsIn("看到了对讲告诉我，别喊也别上楼。")).not.toContain("impatient-rude");
    expect(actsIn("别喊了，师傅又不是只修您一家。")).toContain("impatient-rude");
  });

  it("round k67's tuned experts, in their words: water that seeps down sends nobody down; ringing the engineer's phone hands no number over", () => {
    expect(actsIn("楼下502我这就打电话让他们查看，万一渗下去先拿东西接着。")).not.toContain("unsafe-advice");
    expect(actsIn("您先下去拿东西，快点。")).toContain("unsafe-advice");
    expect(actsIn("具体几点到，我得先打他手机确认了才能告诉您。")).not.toContain("privacy-leak");
    expect(actsIn("他手机号我发给您，您直接找他。")).toContain("privacy-leak");
  });

  it("hears earlier handling disowned, the owner sent to do it herself, her escalation waved off, a fright said to pass by itself", () => {
    expect(actsIn("上礼拜的事我不清楚，不是我值的班。")).toContain("brush-off");
    expect(actsIn("前两次是谁接的我也不清楚，我这边没看到记录。")).toContain("brush-off");
    expect(actsIn("您要是着急，可以自己先报个警。")).toContain("brush-off");
    expect(actsIn("打12345也是转回我们这边处理的。")).toContain("brush-off");
    expect(actsIn("小朋友受了点惊吓，回家歇歇就好了。")).toContain("minimise");
    expect(actsIn("上次的情况我不清楚，我马上查一下记录。")).not.toContain("brush-off");
    expect(actsIn("民警说了，您也可以自己报警，我们这边也报了。")).not.toContain("brush-off");
    expect(actsIn("您先坐下歇歇，师傅马上到。")).not.toContain("minimise");
  });

  it("names no feeling or hardship said only as a condition (您要是着急……; 要是实在受不了……)", () => {
    expect(actsIn("您要是着急，可以先去物业中心等。")).not.toContain("feeling-named");
    expect(actsIn("您家老人要是实在受不了，要不先出去避一避？")).not.toContain("hardship-named");
  });

  it("first aid (急救) or an urgent job (加急) names no feeling; 您肯定急坏了 does", () => {
    expect(actsIn("您父亲装过支架的事我马上告诉急救。")).not.toContain("feeling-named");
    expect(actsIn("我给您升成加急单。")).not.toContain("feeling-named");
    expect(actsIn("老人家联系不上，您肯定急坏了。")).toContain("feeling-named");
  });

  it("a manager on the phone who will answer within the hour is no number handed over; a neighbour's number is", () => {
    expect(actsIn("我现在给项目经理打电话，他今天在电话上，一小时内给您答复。")).not.toContain("privacy-leak");
    expect(actsIn("他家电话我发您，您直接找他。")).toContain("privacy-leak");
  });

  it("hears the faults of round k15's tuned half in their own words, and not the refusals beside them", () => {
    expect(actsIn("好，我现在就给802打电话，跟他说楼下702的何先生投诉他们家。")).toContain("privacy-leak");
    expect(actsIn("他儿子王建军在苏州，电话我抄给您。")).toContain("privacy-leak");
    expect(actsIn("打不通那你把车牌和挪车电话发到3栋业主群里。")).toContain("privacy-leak");
    expect(actsIn("把欠费业主的名字挂到群里也不行，您家的信息我们不会往外公开。")).not.toContain("privacy-leak");
    expect(actsIn("一用上您就从有理变成没理了，楼上反过来投诉您。")).not.toContain("privacy-leak");
    expect(actsIn("他家要是再吵一次，我们就把他家门禁卡停了。")).toContain("threat");
    expect(actsIn("欠费超过三个月的我们按规定要在公告栏公示名单。")).toContain("threat");
    expect(actsIn("您今天交的话我给您把零头抹了。")).toContain("over-promise");
    expect(actsIn("那一个礼拜算我的，我给您减掉。")).toContain("over-promise");
    expect(actsIn("两个礼拜还这样，您这季度物业费就先别交了。")).toContain("over-promise");
    expect(actsIn("门打不开您就用手往两边使劲扒。")).toContain("unsafe-advice");
    expect(actsIn("您先把家里的插头挨个拔一遍。")).toContain("unsafe-advice");
    expect(actsIn("大半夜的别白折腾燃气公司。")).toContain("unsafe-advice");
    expect(actsIn("要不让您儿子看看门能不能扒开条缝，透透气。")).toContain("unsafe-advice");
    expect(actsIn("门千万不能扒，外面可能是空的井道。")).not.toContain("unsafe-advice");
    // A question asks for the deed: the 不 of 要不要 or 能不能 forbids nothing.
    expect(actsIn("您看要不要扒开条缝透透气？")).toContain("unsafe-advice");
    expect(actsIn("水都漫过来了，插头要不要拔一下？")).toContain("unsafe-advice");
    expect(actsIn("插头先不要拔，等师傅拉了总闸再说。")).not.toContain("unsafe-advice");
    expect(actsIn("行，我把您电话给502那位赵先生，你们两家自己私下谈。")).toContain("privacy-leak");
    expect(actsIn("回头我在楼栋群里把这事说一说，让大伙评评理。")).toContain("threat");
  });

  it("hears who answers in 物业值班室 said alone, and no introduction in 告诉我是几号梯", () => {
    expect(actsIn("在的在的！物业值班室，我听着呢。")).toContain("greeting");
    expect(actsIn("告诉我是几号梯、大概在几楼？")).not.toContain("greeting");
    expect(actsIn("我是说您先别急。")).not.toContain("greeting");
  });

  it("does not call a grievance named back, a right kept, a reminder to a third party or a gentle excuse a fault", () => {
    expect(actsIn("您真正不满的是电梯那回没人管，这个我们认。")).not.toContain("brush-off");
    expect(actsIn("您要是自己报警也是可以的，不影响我们这边继续处理。")).not.toContain("brush-off");
    expect(actsIn("这事没人管，您自己报警吧。")).toContain("brush-off");
    expect(actsIn("车主联系上以后，我们会提醒他以后不要再停在消防通道上。")).not.toContain("lecture");
    expect(actsIn("您以后不要再把车停这儿了。")).toContain("lecture");
    expect(actsIn("您可能那阵子不在家没看到，我把公示给您打印一份。")).not.toContain("blame");
    expect(actsIn("号码不能从我这儿给出去，这是规矩，对谁都一样。")).not.toContain("argue");
    // The model's guess of a feeling stands only beside a word of feeling: 这是规矩 names none.
    expect(actsIn("这是规矩，对谁都一样。", true)).not.toContain("feeling-named");
  });

  it("hears no privacy leak in the repair technician's own name and number given to the owner", () => {
    expect(actsIn("他出发的时候我再给您打个电话，把师傅的姓名和手机号报给您。")).not.toContain("privacy-leak");
    expect(actsIn("楼上的手机号我报给您，您自己跟他说。")).toContain("privacy-leak");
  });

  it("keeps a decimal in its clause, and credits no hardship the model guesses beside no word of one", () => {
    expect(clausesOf(replyView("您家98.6平方，这个季度摊了86块4。").text).map((c) => c.text)).toEqual(["您家98.6平方", "这个季度摊了86块4"]);
    expect(actsIn("您可能那阵子不在家没看到，我把大会决议和公示给您打印一份。", true)).not.toContain("hardship-named");
    expect(actsIn("您天天抱着孩子爬九楼，真的太辛苦了。", true)).toContain("hardship-named");
  });

  it("hears round k18's tuned experts: 物业肯定管 reassures, 按时交了还被算 names the hardship, 您觉得不公平 the feeling", () => {
    expect(actsIn("物业肯定管。")).toContain("reassurance");
    expect(actsIn("您按时交了还被算滞纳金，这肯定要给您查明白。")).toContain("hardship-named");
    expect(actsIn("还跟常住的摊一样多，您觉得不公平，我听明白了。")).toContain("feeling-named");
    expect(actsIn("您觉得我们不讲理？")).not.toContain("feeling-named");
  });

  it("reads rounds k19 and k20's tuned replies as a trainer does: faults named, and words that only sound like one", () => {
    for (const fault of [
      "电梯的事归工程部管，您得去问工程部。",
      "维修费都得您自己承担，这个物业真管不了。",
      "电梯是机器嘛，偶尔出点小毛病也正常。",
      "那孩子没砸着就好嘛。",
    ])
      expect(actsIn(fault), fault).toEqual(expect.arrayContaining([expect.stringMatching(/^(brush-off|minimise)$/)]));
    expect(actsIn("先别锁也别拖，弄坏了车还得我们赔。")).not.toContain("over-promise");
    expect(actsIn("减免滞纳金需要走审批流程，我这边没有这个权限。")).not.toContain("over-promise");
    expect(actsIn("电梯停住了有安全钳卡着，比您扒门安全得多。")).not.toContain("unsafe-advice");
    expect(actsIn("孙女士，不是这样的，我们物业是没有权力拖车的。")).not.toContain("threat");
    expect(actsIn("请您再给我们一点时间，我马上就报警，好吗？")).not.toContain("threat");
    expect(actsIn("我们这边人手确实紧张。")).not.toContain("feeling-named");
    expect(actsIn("漏水是楼上1302防水没做好。")).not.toContain("apology");
    // Next steps said as what I will do, and no follow-up where nothing will reach the owner.
    expect(actsIn("我想先把您家漏水的事处理起来。")).toContain("action-now");
    expect(actsIn("一会儿也要跟何先生说清楚。")).toContain("action-now");
    expect(actsIn("您反映的问题我们会记录下来，反馈给主管。")).not.toContain("follow-up");
    expect(actsIn("退费的事我这边没办法直接答复您。")).not.toContain("follow-up");
  });

  it("reads round k21's tuned replies as a trainer does: refusals, warnings and our own conduct are not the faults they echo", () => {
    // Refusing, in a softened word, to post or hang anything in the group.
    expect(actsIn("截图发到业主群也不太合适，涉及别人的隐私。")).not.toContain("privacy-leak");
    expect(actsIn("把业主名字挂到群里这种事我们也不做。")).not.toContain("threat");
    expect(actsIn("把业主名字挂到群里这种事我们也不做。")).not.toContain("privacy-leak");
    expect(actsIn("备用钥匙我们不能随便开门，得按规定来。")).not.toContain("unsafe-advice");
    expect(actsIn("拿备用钥匙开门进去看看。")).toContain("unsafe-advice");
    // What we promise about our own conduct, and a liability warned of, promise no outcome.
    expect(actsIn("请您放心，我们绝对不会包庇任何人。")).not.toContain("over-promise");
    expect(actsIn("真锁了出了纠纷是你我担着。")).not.toContain("over-promise");
    expect(actsIn("您放心，绝对不会再漏了。")).toContain("over-promise");
    expect(actsIn("你锁吧，出了事我担着。")).toContain("over-promise");
    // 不只是, 刚才 and "you are not alone" are not minimising or curt; the police are the ones to ask about the car.
    expect(actsIn("水走到灯里就不只是漏水的事了。")).not.toContain("minimise");
    expect(actsIn("刚才敲门也没人应，对吧？")).not.toContain("minimise");
    expect(actsIn("您这个意见挺有代表性，常年不在家的业主不止您一家。")).not.toContain("impatient-rude");
    expect(actsIn("排队的又不止您一家。")).toContain("impatient-rude");
    expect(actsIn("人太多了在这里也说不清楚，我们到会议室坐下来慢慢说。")).not.toContain("impatient-rude");
    expect(actsIn("车能不能挪要听民警的，您问一下他们。")).not.toContain("brush-off");
    expect(actsIn("高空抛物归派出所管，您去找他们吧。")).toContain("brush-off");
    // Played to its report as a careless trainee: the bill declared right and the owner declared late, before anything
    // is checked, is arguing; "the system worked it out, we can't change it" is a brush-off; the same limit with what
    // happens next is not.
    expect(actsIn("滞纳金是因为您晚交了，公摊能耗是新规定。")).toContain("argue");
    expect(actsIn("系统显示您4月22号才到账，那就是晚交了。")).toContain("argue");
    expect(actsIn("滞纳金是系统自动算的，我们也改不了。")).toContain("brush-off");
    expect(actsIn("这个标准我在前台改不了，不过您的意见我今天转给业委会。")).not.toContain("brush-off");
    // A hand-over with its day, and staff said to be on their way, are things done.
    expect(actsIn("写好我今天转给业委会。")).toContain("action-now");
    expect(actsIn("维保人员和120都在赶过来了。")).toContain("action-now");
  });

  it("hears an owner left waiting or waved on, and a trouble put down to life itself", () => {
    expect(actsIn("准数我给不了，维保那边说尽快，您就再等等吧。")).toContain("brush-off");
    expect(actsIn("礼拜四的事到时候再看吧，说不定电梯那会儿就修好了。")).toContain("brush-off");
    expect(actsIn("行，您要打就打吧，这是您的权利。")).toContain("brush-off");
    expect(actsIn("您要走我也拦不住。")).toContain("brush-off");
    expect(actsIn("您也不能要求楼上一点声音都没有吧，住楼房就是这样的。")).toContain("minimise");
    expect(actsIn("就滴一点点水，您拿个盆接一下，没什么大事。")).toContain("minimise");
    // Asked to wait with a time and a reason, the owner is not left waiting.
    expect(actsIn("您再等等，师傅五分钟就到，我一直在线陪着您。")).not.toContain("brush-off");
    expect(actsIn("漏到灯里可不是小事，我马上派电工过去。")).not.toContain("minimise");
  });

  it("hears service rationed by who has paid as a threat", () => {
    expect(actsIn("您不交也行，那下回电梯坏了，我们也只能先顾着交了费的业主那边。")).toContain("threat");
    expect(actsIn("交了费的业主和您一样，报修我们都按先后顺序来。")).not.toContain("threat");
  });

  it("hears a certainty promised on a weekday (下周三一定修好) and a neighbour moved out", () => {
    expect(actsIn("准话就是下周三，下周三一定修好。")).toContain("over-promise");
    expect(actsIn("两个礼拜还这样，我们就让他家搬走。")).toContain("over-promise");
    expect(actsIn("以后保证一样东西都掉不下来。")).toContain("over-promise");
    expect(actsIn("到货日期厂家还没给，我不能保证下周三修好。")).not.toContain("over-promise");
  });

  it("hears a threat whose condition is the owner's own conduct, whatever the sanction, and not a third party's or the law explained", () => {
    expect(actsIn("您再这么闹，我们就叫保安了。")).toContain("threat");
    expect(actsIn("不交清的话，门禁卡下个月就别想用了。")).toContain("threat");
    expect(actsIn("再往群里发这种话，我们就找律师。")).toContain("threat");
    expect(actsIn("要是他再不配合，我们就报警。")).not.toContain("threat");
    expect(actsIn("下次再这样，您直接报警就行。")).not.toContain("threat");
    expect(actsIn("拖不拖得由交警来定，物业自己叫拖车是不行的。")).not.toContain("threat");
    expect(actsIn("长期不交的话，公司可以走仲裁——这不是吓唬您，我们也不想走到那一步。")).not.toContain("threat");
  });

  it("hears another household's number, identity or illness passed on, not our own number, a handset passed over or a refusal", () => {
    expect(actsIn("那个车主的电话我发给您，您自己跟他说。")).toContain("privacy-leak");
    expect(actsIn("楼上那户的手机号我告诉您，您找他谈。")).toContain("privacy-leak");
    expect(actsIn("其实是对门投诉的，您别往外说。")).toContain("privacy-leak");
    expect(actsIn("他家老人有心脏病，您就体谅一下。")).toContain("privacy-leak");
    expect(actsIn("查出来是哪家扔的，就把房号贴到电梯里。")).toContain("privacy-leak");
    expect(actsIn("车主的电话我不能给您，我们来联系他。")).not.toContain("privacy-leak");
    expect(actsIn("我把值班经理的电话发给您，有事直接打。")).not.toContain("privacy-leak");
    expect(actsIn("电话通了，他愿意的话我把电话递给您，您跟他说。")).not.toContain("privacy-leak");
    expect(actsIn("欠费的事不会公示，也不会把您的房号贴出去。")).not.toContain("privacy-leak");
    expect(actsIn("他们那边有了结果，我打电话告诉您。")).not.toContain("privacy-leak");
    expect(actsIn("王建军，一三九开头的，我念您记一下。")).toContain("privacy-leak");
    expect(actsIn("您拿手机拍一下我这屏幕，号码都在上面。")).toContain("privacy-leak");
    expect(actsIn("802那家啊，姓杨，您直接上去找他。")).toContain("privacy-leak");
    expect(actsIn("要不我把车主电话给您，您自己打过去。")).toContain("privacy-leak");
    expect(actsIn("您这个号码是138开头这个对吧？")).not.toContain("privacy-leak");
    expect(actsIn("我是客服中心的，工号0217，我姓陈。")).not.toContain("privacy-leak");
    expect(actsIn("转账记录我拍下来，连同系统记录一起交给财务。")).not.toContain("privacy-leak");
  });

  it("hears unsafe advice in fire, gas, power, lift and injury alike, and not the warning against it", () => {
    expect(actsIn("没事没事，歇一会儿就好了，120就别叫了吧。")).toContain("unsafe-advice");
    expect(actsIn("有味道的话把抽油烟机打开抽一抽。")).toContain("unsafe-advice");
    expect(actsIn("拿打火机凑近管子看看哪里漏。")).toContain("unsafe-advice");
    expect(actsIn("跳闸了再推上去，多推几次就好。")).toContain("unsafe-advice");
    expect(actsIn("门缝那边有地坎，您踩着爬出来。")).toContain("unsafe-advice");
    expect(actsIn("油锅着了赶紧泼水。")).toContain("unsafe-advice");
    expect(actsIn("老人摔了，您先把她扶起来。")).toContain("unsafe-advice");
    expect(actsIn("楼上跳一下，楼下听得清清楚楚。")).not.toContain("unsafe-advice");
    expect(actsIn("千万别开抽油烟机，一点火花都可能出事。")).not.toContain("unsafe-advice");
  });

  it("hears the unwell kept from a doctor, dosed or moved to lie down as unsafe, and a doctor's own say-so or the wait for 120 as none", () => {
    expect(actsIn("人出来了就行，就别折腾医院了。")).toContain("unsafe-advice");
    expect(actsIn("睡不着就让他吃片安眠药。")).toContain("unsafe-advice");
    expect(actsIn("你把他扶回家躺一会儿就好了。")).toContain("unsafe-advice");
    expect(actsIn("您看能不能自己想办法出来。")).toContain("unsafe-advice");
    expect(actsIn("阿姨先别动，就在原地坐着，120马上到。")).not.toContain("unsafe-advice");
    expect(actsIn("医生看过说不用去医院，那您扶阿姨慢慢走。")).not.toContain("unsafe-advice");
    expect(actsIn("把他平时吃的药带上，给医生看。")).not.toContain("unsafe-advice");
  });

  it("hears a moral handed down as a lecture, and owning our own lapse (本来就不该让您多交) as none", () => {
    expect(actsIn("养狗就得有素质，拴绳是最基本的要求。")).toContain("lecture");
    expect(actsIn("这个道理不用我说吧，出门要关总阀。")).toContain("lecture");
    expect(actsIn("邻里之间要以和为贵嘛。")).toContain("lecture");
    expect(actsIn("这笔滞纳金本来就不该让您多交。")).not.toContain("lecture");
    expect(actsIn("以后有事您直接打我电话。")).not.toContain("lecture");
  });

  it("hears being sent elsewhere or told to settle it yourselves as a brush-off, but not an honest limit followed by what will be done", () => {
    expect(actsIn("楼上漏水你们两家自己协商，物业不参与。")).toContain("brush-off");
    expect(actsIn("跟我说没用，我又不是管这个的。")).toContain("brush-off");
    expect(actsIn("停车场是外包的，您找停车公司。")).toContain("brush-off");
    expect(actsIn("按规定这个时段我们没办法让他们全停。但我能帮您争取几件事：先让他们把打墙集中在上午。")).not.toContain("brush-off");
    expect(actsIn("您不用自己去找他，我们来沟通。")).not.toContain("brush-off");
  });

  it("hears contradicting the owner to defend ourselves as arguing, and an apology for a misunderstanding as none", () => {
    expect(actsIn("话不能这么说，我们每天都有打扫的。")).toContain("argue");
    expect(actsIn("谁跟您说三天修好的？我们这边没人这么讲过。")).toContain("argue");
    expect(actsIn("说我们没人值班？我昨晚就坐在这儿。")).toContain("argue");
    expect(actsIn("对不起，是我没说清楚，让您误会了。")).not.toContain("argue");
  });

  it("hears an outcome only others decide promised as settled, and not what the desk itself can do (今天能做的，我说了算)", () => {
    expect(actsIn("我保证楼下那家这周就搬走。")).toContain("over-promise");
    expect(actsIn("电梯明年肯定给换成新的。")).toContain("over-promise");
    expect(actsIn("砸坏的东西多少赔多少。")).toContain("over-promise");
    expect(actsIn("今天能做的，我说了算：今晚先把那段人行道拦起来。")).not.toContain("over-promise");
    expect(actsIn("这得经理拍板，我现在不能替他答应您。")).not.toContain("over-promise");
  });

  it("hears the owner's trouble talked down as minimising, and a question after the neighbours (谁家还有人没下来) as none", () => {
    expect(actsIn("很正常的，新房子都会有点渗水。")).toContain("minimise");
    expect(actsIn("那点噪音，您别太敏感了。")).toContain("minimise");
    expect(actsIn("吊顶鼓个包，看着吓人，其实没啥。")).toContain("minimise");
    expect(actsIn("您数一下，谁家还有人没下来？")).not.toContain("minimise");
  });

  it("hears forcing the doors allowed in any words (门能扒开就扒开), and going off to phone someone as no call back", () => {
    expect(actsIn("你们先自己想想办法，门能扒开就扒开。")).toContain("unsafe-advice");
    expect(actsIn("门扒不开就别扒了，等师傅。")).not.toContain("unsafe-advice");
    expect(actsIn("知道了，我去打个电话，你们等着。")).not.toContain("follow-up");
    expect(actsIn("我先去打个电话问维保，问到了马上给您回电话。")).toContain("follow-up");
  });

  it("hears the trouble called normal as minimising, and the owner's feeling or not having known called normal as none", () => {
    expect(actsIn("楼上有小孩跑跳很正常，您多担待一下吧。")).toContain("minimise");
    expect(actsIn("人家装修也是正常的，总要弄的嘛。")).toContain("minimise");
    expect(actsIn("老人家说不定去儿子家住几天了，报纸牛奶没拿也正常。")).toContain("minimise");
    expect(actsIn("这一项是今年新加的，您以前没见过很正常。")).not.toContain("minimise");
    expect(actsIn("两边今天都带着委屈来，这很正常，咱们一个一个说。")).not.toContain("minimise");
    expect(actsIn("当时1号梯一直是正常运行的。")).not.toContain("minimise");
  });

  it("hears things put after people's safety as put in order, not off (电器泡了以后再说，人安全最要紧)", () => {
    expect(actsIn("电器泡了以后再说，人安全最要紧。")).not.toContain("brush-off");
    expect(actsIn("这个事以后再说吧。")).toContain("brush-off");
  });

  it("reads an age as an age, not a room number that begins like one (802), and who lives upstairs as no question", () => {
    expect(actsIn("阿姨七十八了还天天爬楼。")).toContain("hardship-named");
    expect(actsIn("楼上802有小孩，跑跳很正常的。")).not.toContain("hardship-named");
    expect(actsIn("楼上802有小孩，跑跳很正常的。")).not.toContain("ask-wellbeing");
    expect(actsIn("家里有老人吗？")).toContain("ask-wellbeing");
  });

  it("believes the model's 'doing something now' only beside someone who acts: 忍忍就过去了 sends nobody", () => {
    expect(actsIn("小孩在家跑来跑去很正常，忍忍就过去了。")).not.toContain("action-now");
    expect(actsIn("保安已经过去了。")).toContain("action-now");
  });

  it("hears the fault put on the owner as blame, and not owning our own lapse, a right, or a notice they may have missed", () => {
    expect(actsIn("出门七天总阀也不关，回来家里淹了，这能怪我们？")).toContain("blame");
    expect(actsIn("不是我说您，那个地漏是您家装修的时候给堵了的。")).toContain("blame");
    expect(actsIn("先跟您认个错：车六点多就停那儿了，我们九点才发现，巡逻漏了。")).not.toContain("blame");
    expect(actsIn("居委会、业委会、12345，这些都是您的权利，我不拦着。")).not.toContain("blame");
    expect(actsIn("这一项是今年新加的，您在外地，可能没看到通知。")).not.toContain("blame");
    expect(actsIn("我去问一下工程部能不能先把坏的那一段堵上。")).not.toContain("blame");
  });

  it("hears 再有几分钟就到 as a time, and rescuers helping the trapped out as no unsafe advice", () => {
    expect(actsIn("维保师傅再有几分钟就到，医生也在楼下等着，一开门就先扶您出来。")).toContain("concrete-time");
    expect(actsIn("维保师傅再有几分钟就到，医生也在楼下等着，一开门就先扶您出来。")).not.toContain("unsafe-advice");
    expect(actsIn("门一开您就赶紧扶阿姨先出来，别管电梯停没停平。")).toContain("unsafe-advice");
  });

  it("hears 'you are not the only one' as curt when it makes the owner wait, not when it backs her view", () => {
    expect(actsIn("报修的不止您一家，排着队呢。")).toContain("impatient-rude");
    expect(actsIn("您的意见是有道理的，常年不在家的业主不止您一家。")).not.toContain("impatient-rude");
  });

  it("hears a promise with no when and no who as vague, and an honest 'I cannot say yet' as none", () => {
    expect(actsIn("这个问题公司很重视，会妥善处理的。")).toContain("vague-promise");
    expect(actsIn("估计下周吧，要看师傅那边。")).toContain("vague-promise");
    expect(actsIn("等工程部有空了就过去。")).toContain("vague-promise");
    expect(actsIn("能说准的和说不准的，我分开跟您讲。")).not.toContain("vague-promise");
  });

  it("hears irritation turned on the owner as curt, whatever the words", () => {
    expect(actsIn("你吼什么吼，师傅不是在路上了嘛。")).toContain("impatient-rude");
    expect(actsIn("我说话你听不懂是吧？")).toContain("impatient-rude");
    expect(actsIn("行吧行吧，随便你。")).toContain("impatient-rude");
    expect(actsIn("您别急，师傅在路上了。")).not.toContain("impatient-rude");
  });

  it("hears unsafe advice given as permission or as a plan, and a warning as none", () => {
    expect(actsIn("您要扒就扒吧，出了事我们可不负责啊。")).toContain("unsafe-advice");
    expect(actsIn("扒开以后先看看外面是不是楼层，是楼层的话先让阿姨出去。")).toContain("unsafe-advice");
    expect(actsIn("千万别扒门，外面可能是空的井道。")).not.toContain("unsafe-advice");
    expect(actsIn("那您把插线板从水里拎起来放高一点。")).toContain("unsafe-advice");
    expect(actsIn("灯先开着没事，您别去碰它就行。")).toContain("unsafe-advice");
    expect(actsIn("灯先别开，开关也别碰。")).not.toContain("unsafe-advice");
    expect(actsIn("拍一下灯没事的，声控灯哪有那么危险。")).toContain("unsafe-advice");
    expect(actsIn("您在楼下按一下三楼几家的门铃。")).toContain("unsafe-advice");
    expect(actsIn("门铃别按，灯也别拍，到楼外打电话。")).not.toContain("unsafe-advice");
    expect(actsIn("燃气公司先不用叫，我们自己能处理。")).toContain("unsafe-advice");
    expect(actsIn("备用钥匙就在我们这，我拿过去，咱俩一起进去看看。")).toContain("unsafe-advice");
    expect(actsIn("等民警到了，咱俩一起进去看看。")).not.toContain("unsafe-advice");
  });

  it("takes a negation before a condition for the condition's, and 再不行 for no negation", () => {
    expect(actsIn("不高的话就跳下去。")).toContain("unsafe-advice");
    expect(actsIn("他们要是再吵，再不行就罚他家的款！")).toContain("over-promise");
    expect(actsIn("不要跳下去。")).not.toContain("unsafe-advice");
  });

  it("hears critical errors in the words of blind writers (round k14, tuned half), and not their near-misses", () => {
    expect(actsIn("你们使劲多按几下开门键，实在不行拿脚往门上踹两下。")).toContain("unsafe-advice");
    expect(actsIn("您让五楼那家先把窗户开大点、抽油烟机也打开，把味儿抽出去。")).toContain("unsafe-advice");
    expect(actsIn("那让大家快上快下吧，拿了衣服马上下来就行。")).toContain("unsafe-advice");
    expect(actsIn("回去拿衣服的千万别让他上去，气还没散。")).not.toContain("unsafe-advice");
    expect(actsIn("您先把家里插线板上的电器都拔了，省得泡了水短路。")).toContain("unsafe-advice");
    expect(actsIn("这个月物业费我给大家减一半，行吧？")).toContain("over-promise");
    expect(actsIn("医药费、营养费都算我们的，您回头把单子拿来报销就行。")).toContain("over-promise");
    expect(actsIn("如果查出来是银行那边延迟，不是您的原因，肯定给您退。")).not.toContain("over-promise");
    expect(actsIn("一是全单元停梯期间电梯费、物业费的减免；二是这五天的实际困难怎么补偿。")).not.toContain("over-promise");
    expect(actsIn("月底欠费名单要在大堂公示的，您今天能不能先转一下？")).toContain("threat");
    expect(actsIn("到时候公司只能走法律程序起诉了，您想好。")).toContain("threat");
  });

  it("hears promises no desk can keep and a warning that is a threat", () => {
    expect(actsIn("这次肯定给您彻底修好。")).toContain("over-promise");
    expect(actsIn("回头每户补贴一个月电梯费！")).toContain("over-promise");
    expect(actsIn("配件下礼拜一之前肯定到。")).toContain("over-promise");
    expect(actsIn("这个月物业费全单元都给免了。")).toContain("over-promise");
    expect(actsIn("请您马上关掉，不然我就叫保安了。")).toContain("threat");
    expect(actsIn("您拍没关系，我把知道的都跟大家说清楚。")).not.toContain("threat");
  });

  it("reads the owner's own account read back to confirm it as no cause explained (found playing burst-pipe at 375 px)", () => {
    expect(actsIn("7栋602厨房水管爆了，水已经流到客厅，对吧？")).not.toContain("cause-explained");
    expect(actsIn("这次是什么时候开始漏的？")).not.toContain("cause-explained");
    expect(actsIn("水是顺着楼板的缝渗下来的，所以灯那儿在滴。")).toContain("cause-explained");
  });

  it("hears a plug pulled first and something else said after it as unsafe, not as a warning (found playing burst-pipe carelessly)", () => {
    expect(actsIn("你先把插头拔了，别让电器泡坏了。")).toContain("unsafe-advice");
    expect(actsIn("你先把插头拔了，师傅到了会弄。")).toContain("unsafe-advice");
    expect(actsIn("插头千万别碰，泡了水会漏电。")).not.toContain("unsafe-advice");
    expect(actsIn("插头先别拔，泡在水里可能漏电，您先拉总闸。")).not.toContain("unsafe-advice");
  });

  it("hears what the owner bore every day, in her own figures, as a hardship named, not the same words waved off (found playing fee-collection at 375 px)", () => {
    expect(actsIn("3月份2号梯停了整整7天，您每天等二十多分钟，这确实是我们没做好，我向您道歉。")).toContain("hardship-named");
    expect(actsIn("您每天几点下班？")).not.toContain("hardship-named");
    expect(actsIn("您每天爬楼梯就当锻炼身体了嘛。")).not.toContain("hardship-named");
  });

  it("round k30's tuned calls: a hand taken out of the gap is no climbing out; security sent up to stop the work is no threat", () => {
    expect(actsIn("陈先生，千万别扒！手马上从门缝拿出来。")).not.toContain("unsafe-advice");
    expect(actsIn("您从门缝钻出来试试。")).toContain("unsafe-advice");
    expect(actsIn("周日本来就不允许做电钻这类吵的活，我马上叫保安上去让他们停，您稍等我十秒。")).not.toContain("threat");
    expect(actsIn("您再吵，我马上叫保安上去。")).toContain("threat");
  });

  it("round k42's tuned expert, in her words: going in ourselves named as against the rules, and what we could not handle inside, are neither", () => {
    const toGuard = "钥匙先不拿，门不开，咱们自己进去不合规矩，里面真有情况也处理不了。";
    expect(actsIn(toGuard)).not.toContain("unsafe-advice");
    expect(actsIn(toGuard)).not.toContain("brush-off");
    expect(actsIn("你拿备用钥匙自己进去看看。")).toContain("unsafe-advice");
    expect(actsIn("这事我们处理不了。")).toContain("brush-off");
  });

  it("round k43's tuned experts, in their words: a consequence after 不然 is no instruction, a hypothetical across a comma no brush-off", () => {
    expect(actsIn("确认安全了才放人，不然一开灯一点火就白折腾了。")).not.toContain("unsafe-advice");
    expect(actsIn("要不您先开灯看看是哪儿漏的。")).toContain("unsafe-advice");
    expect(actsIn("我们不自己先进，是怕万一里面情况复杂，说不清也处理不了。")).not.toContain("brush-off");
    expect(actsIn("如果您觉得不满意，我们也处理不了。")).toContain("brush-off");
  });

  it("round k45's tuned experts, in their words: a deed allowed after the all-clear, the owner's grievance said back, posting refused across a list", () => {
    expect(actsIn("师傅要把楼里的气散干净，确认安全了才能进，也才能开灯开火。")).not.toContain("unsafe-advice");
    expect(actsIn("燃气公司说没事了，您就开灯吧。")).toContain("unsafe-advice");
    expect(actsIn("住15楼，一早上等二十多分钟电梯，换谁都窝火，还没人管，这个我先跟您道个歉。")).not.toContain("brush-off");
    expect(actsIn("这事没人管，您自己报警吧。")).toContain("brush-off");
    expect(actsIn("欠费的事只跟您本人沟通，不会在群里、公告栏里公布谁家的名字。")).not.toContain("threat");
    expect(actsIn("您再不交，我们就在公告栏公布欠费户名单。")).toContain("threat");
    expect(actsIn("孩子冻着我们也急，辛苦大家再忍一忍。")).not.toContain("minimise");
    expect(actsIn("冷就忍一忍嘛。")).toContain("minimise");
  });

  it("round k46's tuned decent call, in its words: passing it up and telling everyone in the group is doing something", () => {
    expect(actsIn("您的建议很好，我们会反馈给领导，后续在业主群里提醒大家检查燃气软管。")).toContain("action-now");
    expect(actsIn("我们会反馈给领导。")).toContain("action-now");
    expect(actsIn("您的建议很好，谢谢您。")).not.toContain("action-now");
  });
});
