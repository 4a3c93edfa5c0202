import { describe, expect, it } from "vitest";
import { scoreReply } from "../../tests/support/scorer";

/** Moves of content/scoring/moves.yaml as whole replies make them (or do not), in the words blind writers used. */
const movesOf = (text: string, moves: string[]) => scoreReply(text, { moves }).moves;
/** Whether a reply makes this one move, looked for on its own: `const calls = makes("call-110")`. */
const makes = (move: string) => (text: string) => movesOf(text, [move]).includes(move);

describe("moves in a trainee's own words", () => {
  it("round k18's tuned experts, in their words: the door kept shut for the police, no power to tow, wages refused, the rule said", () => {
    expect(movesOf("小孙，不能开，你守在门口别走。", ["wait-for-police-to-enter"])).toContain("wait-for-police-to-enter");
    expect(movesOf("钥匙我拿好了，民警一到、他们说开，我马上送上去当面开。", ["wait-for-police-to-enter"])).toContain("wait-for-police-to-enter");
    expect(movesOf("物业私自叫拖车，法律上我们没这个权力。", ["refuse-lock-tow"])).toContain("refuse-lock-tow");
    expect(movesOf("放了他的气，车更挪不走，通道堵得更久。", ["refuse-lock-tow"])).toContain("refuse-lock-tow");
    expect(movesOf("停工的工钱不在物业能负责的范围里。", ["cover-lost-wages"])).not.toContain("cover-lost-wages");
    expect(movesOf("工钱我们出。", ["cover-lost-wages"])).toContain("cover-lost-wages");
    expect(movesOf("周末、节假日不做电锤电钻的活，是您登记装修时签在协议里的。", ["explain-renovation-rule"])).toContain("explain-renovation-rule");
    expect(movesOf("是按建筑面积120平方米，每平方米每月2.2元算的，一个月264元。", ["check-bill"])).toContain("check-bill");
    expect(movesOf("这些我要报给警察，也好让监控室把录像拷出来。", ["call-110"])).toContain("call-110");
  });

  it("rounds k19 and k20's tuned calls, in their words: waiting for the police, a cost named as a reason, an idiom", () => {
    expect(movesOf("阿姨，先别自己开，您就在这儿跟我一起等民警。", ["wait-for-police-to-enter"])).toContain("wait-for-police-to-enter");
    expect(movesOf("他们一到，我们保安就用备用钥匙配合他们一起开门进去。", ["enter-without-police"])).not.toContain("enter-without-police");
    expect(movesOf("先别锁也别拖，弄坏了车还得我们赔。", ["promise-compensation"])).not.toContain("promise-compensation");
    expect(movesOf("该修的也不会因为物业费的事打折扣。", ["waive-fee-on-spot"])).not.toContain("waive-fee-on-spot");
    expect(movesOf("电梯有安全钳卡着，比您扒门安全得多。", ["tell-force-doors"])).not.toContain("tell-force-doors");
  });

  it("round k21's tuned calls, in their words: liability left to the police and the law, a basin under the drip, a softened refusal", () => {
    expect(movesOf("赔不赔、谁来赔，得按警察查的结果和法律规定来定。", ["explain-liability"])).toContain("explain-liability");
    expect(movesOf("拿个盆在外面接着就行。", ["stop-loss"])).toContain("stop-loss");
    expect(movesOf("您千万别去开卫生间的灯和开关。", ["stop-loss"])).toContain("stop-loss");
    expect(movesOf("截图发到业主群也不太合适。", ["hand-over-footage"])).not.toContain("hand-over-footage");
  });

  it("round k22's tuned calls, in their words: a waiver named to say it is not mine to grant, a door noted on the way out", () => {
    const refusal = "不过减免物业费不是我能做主的，我不能在电话里随口答应您。";
    expect(movesOf(refusal, ["promise-compensation"])).not.toContain("promise-compensation");
    expect(movesOf("那个礼拜的钱给您免了。", ["promise-compensation"])).toContain("promise-compensation");
    expect(movesOf("上楼用手拍门叫人下楼，闻闻哪家门口味最大，出来告诉我。", ["gas-unsafe-advice"])).not.toContain("gas-unsafe-advice");
    expect(movesOf("你上去闻闻哪家味道最大。", ["gas-unsafe-advice"])).toContain("gas-unsafe-advice");
  });

  it("round k24's tuned calls, in their words: a lock compared, not called; 120 offered if she gets worse is not called", () => {
    expect(movesOf("您把钥匙交给民警，他们一来就能开门，比撬锁还快。", ["enter-without-police"])).not.toContain("enter-without-police");
    expect(movesOf("等不了了，撬锁吧。", ["enter-without-police"])).toContain("enter-without-police");
    const offer = "如果阿姨不舒服的话，我这边帮您叫一下120吧。";
    expect(movesOf(offer, ["call-ambulance"])).not.toContain("call-ambulance");
    expect(movesOf("阿姨不舒服，我这边现在就帮您叫120。", ["call-ambulance"])).toContain("call-ambulance");
    // Not back in before the all-clear, in their words.
    const notYet = "还不能回，师傅刚进去，得先查漏、通风、测过浓度才算数，现在进楼还是危险。";
    expect(movesOf(notYet, ["gas-leave-area", "wait-for-all-clear"])).toEqual(expect.arrayContaining(["gas-leave-area", "wait-for-all-clear"]));
    const crowd = "燃气公司人来了，不等于楼里没气了，这会儿谁上去按个灯、开个门，都可能出大事。我让工程的同事马上过去一块守门。";
    expect(movesOf(crowd, ["gas-leave-area", "wait-for-all-clear"])).toEqual(expect.arrayContaining(["gas-leave-area", "wait-for-all-clear"]));
    expect(movesOf("上去拿件衣服没什么危险，快去快回。", ["gas-leave-area"])).not.toContain("gas-leave-area");
    // The banned tools named as not allowed now is the work stopped; the sum shown is the bill explained.
    expect(movesOf("你跟工头客气点说：周末不能动电锤电钻，这是签了字的协议。", ["stop-work-now"])).toContain("stop-work-now");
    expect(movesOf("建筑面积120平，单价每平米每月2.2元，五个月一共1320元。", ["bill-explained"])).toContain("bill-explained");
    expect(movesOf("一个月264元，乘5个月就是1320。", ["bill-explained"])).toContain("bill-explained");
    expect(movesOf("您家欠了五个月，一共1320元。", ["bill-explained"])).not.toContain("bill-explained");
  });

  it("round k26's tuned calls: going in alone named as the risk is a warning; the key handed to the police for them to open is waiting", () => {
    const warning = "您一个人开门进去，万一大爷摔着了、心脏犯了，您一个人扶不动。";
    expect(movesOf(warning, ["enter-without-police"])).not.toContain("enter-without-police");
    expect(movesOf("阿姨您先开门进去看看，我马上到。", ["enter-without-police"])).toContain("enter-without-police");
    const wait = "我陪您到703门口，跟小孙他们一块儿等，钥匙您攥着，民警一到您就交给他，让他开。";
    expect(movesOf(wait, ["wait-for-police-to-enter"])).toContain("wait-for-police-to-enter");
    expect(movesOf("家属的电话我们不能往外给。我现在当着您的面打过去，开免提。", ["contact-family"])).toContain("contact-family");
    const cost = "我们私下先放给您看、截图发群里，万一认错人家，反倒给您惹麻烦。";
    expect(movesOf(cost, ["hand-over-footage"])).not.toContain("hand-over-footage");
  });

  it("round k27's tuned expert, in its words: the patient downstairs named to the workers is the complainant disclosed", () => {
    expect(movesOf("请先把电锤停下，楼下有刚做完心脏手术的病人在静养。", ["disclose-neighbour"])).toContain("disclose-neighbour");
    expect(movesOf("楼里有刚出院要静养的老人，请先把电锤停下。", ["disclose-neighbour"])).not.toContain("disclose-neighbour");
  });

  it("sending the owner to the valve under the sink stops nothing when the pipe in the wall has burst; the main valve does", () => {
    expect(movesOf("您先去厨房水槽下面，把那个阀门关上，顺时针拧到底。", ["stop-loss"])).not.toContain("stop-loss");
    expect(movesOf("请您先把厨房水槽下面的进水总阀关上。", ["stop-loss"])).not.toContain("stop-loss");
    const main = "先关总水阀：进门附近找到水表，旁边那个阀门，扳手拧成横的。厨房水槽下面那个没用，别去关它。";
    expect(movesOf(main, ["stop-loss"])).toContain("stop-loss");
  });

  it("the end of a permitted range (下午2点到6点可以打墙) is no early start; 早上7点就可以开工 is", () => {
    const hours = "工作日上午8点到12点、下午2点到6点可以打墙，最早明天上午8点就能开工。";
    expect(movesOf(hours, ["allow-noisy-work"])).not.toContain("allow-noisy-work");
    expect(movesOf("早上7点就可以开工了。", ["allow-noisy-work"])).toContain("allow-noisy-work");
  });

  it("hears help down the stairs arranged for the trip the owner named, not security sent for anything else", () => {
    expect(movesOf("王大爷周四去医院复查，那天上午我们安排两位保安带爬楼椅送他下楼。", ["arrange-help-downstairs"])).toContain("arrange-help-downstairs");
    expect(movesOf("保安在大厅维持一下秩序。", ["arrange-help-downstairs"])).not.toContain("arrange-help-downstairs");
    expect(movesOf("王大爷要下楼的话，我们安排保安扶您下去。", ["arrange-help-downstairs"])).not.toContain("arrange-help-downstairs");
  });

  it("hears our own people sent to the spot, security or the duty engineer, and not the maintenance company's", () => {
    expect(movesOf("维保公司和我们的值班师傅都通知了，维保那边说二十五分钟左右到。", ["staff-to-the-spot"])).toContain("staff-to-the-spot");
    expect(movesOf("我们的保安已经上14楼了。", ["staff-to-the-spot"])).toContain("staff-to-the-spot");
    expect(movesOf("维保的师傅已经出发了，很快就到。", ["staff-to-the-spot"])).not.toContain("staff-to-the-spot");
  });

  it("round k23's tuned calls, in their words: a deed asked after, a refusal after the list, a knock without the bell, the hand taken back", () => {
    expect(movesOf("您刚才扒门，手有没有划伤？", ["tell-force-doors"])).not.toContain("tell-force-doors");
    expect(movesOf("您再扒一下门试试。", ["tell-force-doors"])).toContain("tell-force-doors");
    expect(movesOf("可是私下放给您看、截图往群里发，都不行。", ["hand-over-footage"])).not.toContain("hand-over-footage");
    expect(movesOf("老周马上到，走楼梯挨家拍门，不按门铃。", ["gas-unsafe-advice"])).not.toContain("gas-unsafe-advice");
    expect(movesOf("您挨家按门铃叫一下。", ["gas-unsafe-advice"])).toContain("gas-unsafe-advice");
    expect(movesOf("不行，手赶紧收回来！扒开了人会掉下去，把门交给专业师傅来开。", ["tell-not-force-doors"])).toContain("tell-not-force-doors");
    expect(movesOf("录像我已经让监控室把4点前后那段单独存出来了。", ["preserve-footage"])).toContain("preserve-footage");
  });

  it("hears what happens if the agreement does not hold, said before the owner asks", () => {
    expect(movesOf("要是两周后还是没改善，我们就把情况和调解记录一起转给社区人民调解委员会。", ["plan-if-it-fails"])).toContain("plan-if-it-fails");
    expect(movesOf("下周六下午5点前我先给您回电话。", ["plan-if-it-fails"])).not.toContain("plan-if-it-fails");
  });

  it("a refusal to guarantee is not a guarantee (没法保证, 不敢保证)", () => {
    expect(movesOf("我没法保证明天一点声音没有，但我会跟装修户再沟通。", ["over-promise"])).not.toContain("over-promise");
    expect(movesOf("我保证明天一点声音都没有。", ["over-promise"])).toContain("over-promise");
  });

  it("advising against posting the footage is not posting it", () => {
    expect(movesOf("截图发到业主群这个我不建议，录像里能看到别的住户。", ["hand-over-footage"])).not.toContain("hand-over-footage");
    expect(movesOf("录像我调出来给您看。", ["hand-over-footage"])).toContain("hand-over-footage");
  });

  it("the valve shut in any words is stopping the damage", () => {
    expect(movesOf("陈女士，您先把水阀关了，我马上派人！", ["stop-loss"])).toContain("stop-loss");
    expect(movesOf("角阀拧紧就行。", ["stop-loss"])).toContain("stop-loss");
  });

  it("a bare order to open the door is opening it; waiting for the police is not", () => {
    expect(movesOf("不能再等了，开门。你现在下来拿钥匙。", ["enter-without-police"])).toContain("enter-without-police");
    expect(movesOf("开，我做主。", ["enter-without-police"])).toContain("enter-without-police");
    expect(movesOf("先别开门，等警察到了再说。", ["enter-without-police"])).not.toContain("enter-without-police");
    expect(movesOf("门一开，里面的情况就清楚了，所以要等警察。", ["enter-without-police"])).not.toContain("enter-without-police");
  });

  it("the words of a written consent asked for are not an order to open; the same consent acted on is", () => {
    const quoted = "麻烦您给我们发一条短信，写上同意用备用钥匙开门，我们留个底。门会等民警到了当着他们的面开。";
    expect(movesOf(quoted, ["enter-without-police"])).not.toContain("enter-without-police");
    expect(scoreReply(quoted).acts).not.toContain("unsafe-advice");
    expect(movesOf("您同意我们现在用备用钥匙开门进去看，对吧？", ["enter-without-police"])).toContain("enter-without-police");
  });

  it("an account left open (这个账挂在您家名下) is no threat to name the owner in public", () => {
    expect(movesOf("不能因为某项服务没做好就不交，这个账一直会挂在您家名下。", ["threaten-fee-pressure"])).not.toContain("threaten-fee-pressure");
    expect(movesOf("您再不交，名字就挂到群里了。", ["threaten-fee-pressure"])).toContain("threaten-fee-pressure");
  });

  it("neutrality in one's own words is mediating neutrally (我们真不是向着谁; 规矩对每一户都一样)", () => {
    expect(movesOf("钱先生，我们真不是向着谁，这个规矩对每一户都一样。", ["mediate-neutrally"])).toContain("mediate-neutrally");
    expect(movesOf("您要是想跟邻居沟通，我来约时间，请两家坐下来好好谈。", ["mediate-neutrally"])).toContain("mediate-neutrally");
    expect(movesOf("楼下就是太较真了。", ["mediate-neutrally"])).not.toContain("mediate-neutrally");
  });

  it("mediation offered in one's own words: no verdict, a way both can live with, the office stepping in", () => {
    expect(movesOf("今天请两位来不是判谁对谁错，是找个两家都能接受的办法。", ["mediate-neutrally"])).toContain("mediate-neutrally");
    expect(movesOf("这事您别再自己上去了，交给我们出面去说。", ["mediate-neutrally"])).toContain("mediate-neutrally");
    expect(movesOf("周六上午请您和楼上当面坐一坐，有我们在中间。", ["mediate-neutrally"])).toContain("mediate-neutrally");
    expect(movesOf("您自己上去跟他们说吧。", ["mediate-neutrally"])).not.toContain("mediate-neutrally");
  });

  it("who pays said with a modal, or the limit in any wording, explains liability (扔东西的人要赔; 不是我能定的)", () => {
    expect(movesOf("按规定是扔东西的人要赔，我们这边配合民警查。", ["explain-liability"])).toContain("explain-liability");
    expect(movesOf("赔不赔、赔多少，不是我一个前台能定的，我报给经理。", ["explain-liability"])).toContain("explain-liability");
    expect(movesOf("物业要不要担责，得看警方查下来的情况。", ["explain-liability"])).toContain("explain-liability");
    expect(movesOf("行，玻璃钱我们先给您垫上。", ["explain-liability"])).not.toContain("explain-liability");
  });

  it("the renovating owner called, whichever comes first in the sentence (钱先生电话我这边接着打)", () => {
    expect(movesOf("钱先生的电话我这边接着打。", ["contact-renovator"])).toContain("contact-renovator");
    expect(movesOf("我让装修管理员也跟业主说一声。", ["contact-renovator"])).toContain("contact-renovator");
    expect(movesOf("你在门口守着，别跟工人吵。", ["contact-renovator"])).not.toContain("contact-renovator");
  });

  it("naming the spark with what makes it warns against sparks (门铃一按就可能点着)", () => {
    expect(movesOf("别按！门铃一按就可能点着。", ["gas-no-sparks"])).toContain("gas-no-sparks");
    expect(movesOf("有煤气的地方一点火星都可能出事，声控灯、门铃、开关都一样。", ["gas-no-sparks"])).toContain("gas-no-sparks");
    expect(movesOf("脚别跺，先下楼。", ["gas-no-sparks"])).toContain("gas-no-sparks");
    expect(movesOf("您先下楼，我马上报燃气公司。", ["gas-no-sparks"])).not.toContain("gas-no-sparks");
  });

  it("a yes to wading over to a soaked power strip is the unsafe answer, whatever the words; after the power is off it is not", () => {
    expect(movesOf("拔了吧，手擦干了拔就行，把东西搬高一点。", ["agree-to-touch-wet-plug"])).toContain("agree-to-touch-wet-plug");
    expect(movesOf("别去拔！先拉总闸，拉完电以后再去拔插头都不迟。", ["agree-to-touch-wet-plug"])).not.toContain("agree-to-touch-wet-plug");
  });

  it("no to both of the owner's fears at once rules the pressure out (这两样我们都不会做)", () => {
    expect(movesOf("不会的，这两样我们都不会做。", ["rule-out-pressure"])).toContain("rule-out-pressure");
    expect(movesOf("水电是您家正常生活用的，物业没有权力因为物业费去停。", ["rule-out-pressure"])).toContain("rule-out-pressure");
    expect(movesOf("您先把钱交了再说。", ["rule-out-pressure"])).not.toContain("rule-out-pressure");
  });

  it("offering to report a wish for instalments grants none; a dangerous plan refused as such is refused", () => {
    expect(movesOf("我也可以把分期的想法一起报上去，能不能分期得项目经理批。", ["promise-instalment"])).not.toContain("promise-instalment");
    expect(movesOf("可以分三个月交，没问题。", ["promise-instalment"])).toContain("promise-instalment");
    expect(movesOf("孙女士，您先别下楼，这个真不能做。", ["refuse-lock-tow"])).toContain("refuse-lock-tow");
  });

  it("calling the police is one rule wherever a scenario asks for it: a plan, a question or advice to ring them oneself is no call", () => {
    for (const move of ["call-110", "call-police-110"]) {
      expect(movesOf("110和120我刚报了，民警到之前我们的人一直守在门口。", [move])).toContain(move);
      expect(movesOf("您别自己上楼找人，万一起冲突您吃亏。110我现在帮您打。", [move])).toContain(move);
      expect(movesOf("派出所刚回话，民警五分钟左右就到。", [move])).toContain(move);
      expect(movesOf("我先联系他儿子，要是还联系不上，我们就报警。", [move])).not.toContain(move);
      expect(movesOf("里面要还是没动静，我直接报警、叫120。", [move])).not.toContain(move);
      expect(movesOf("需要的话我们帮您报警。", [move])).not.toContain(move);
      expect(movesOf("这种情况建议您报警处理，我们这边会配合的。", [move])).not.toContain(move);
      expect(movesOf("要不要报警，等经理来了再定。", [move])).not.toContain(move);
    }
  });

  it("round k37's tuned calls, in their words: out of the building by the way he came, 报警 in a gas leak, posting argued against, a number passed on at its owner's wish", () => {
    expect(movesOf("现在马上原路下楼，走出单元门，离楼远一点再给我打过来。", ["gas-leave-area"])).toContain("gas-leave-area");
    expect(movesOf("您别敲了，现在就下楼出去，叫人的事交给保安。", ["gas-leave-area"])).toContain("gas-leave-area");
    expect(movesOf("我马上出去看看。", ["gas-leave-area"])).not.toContain("gas-leave-area");
    expect(movesOf("报警和燃气公司我来打。", ["call-fire-service"])).toContain("call-fire-service");
    expect(movesOf("您家燃气报警器响了吗？", ["call-fire-service"])).not.toContain("call-fire-service");
    expect(movesOf("您自己报警吧。", ["call-fire-service"])).not.toContain("call-fire-service");
    const footage = "录像只能交给警察看；我们自己放给您看、截图往群里一发，认错一家就是冤枉人。";
    expect(movesOf(footage, ["hand-over-footage"])).not.toContain("hand-over-footage");
    expect(movesOf("行，我截个图发群里让大家认认。", ["hand-over-footage"])).toContain("hand-over-footage");
    const wanted = "对门刘阿姨是最先发现的，她想跟您说两句，方便的话我把她电话给您。";
    expect(movesOf(wanted, ["disclose-personal-info"])).not.toContain("disclose-personal-info");
    expect(movesOf("我把他电话给您，您自己打过去。", ["disclose-personal-info"])).toContain("disclose-personal-info");
  });

  it("round k38's tuned experts, in their words: forcing named as what the key saves, tomorrow's permitted hours, the footage's number for the insurer, the complaint taken on", () => {
    const key = "警察一到，您把钥匙交给他们，也能省得再撬门。";
    expect(movesOf(key, ["enter-without-police"])).not.toContain("enter-without-police");
    expect(movesOf("等不了了，叫人把门撬了。", ["enter-without-police"])).toContain("enter-without-police");
    const tomorrow = "您看明天上午八点让工人接着打墙，今天先清运、收拾，行吗？";
    expect(movesOf(tomorrow, ["allow-noisy-work"])).not.toContain("allow-noisy-work");
    expect(movesOf("让工人接着打一会儿，抓紧打完就行。", ["allow-noisy-work"])).toContain("allow-noisy-work");
    const insurer = "现场照片、报警记录、录像编号都整理好给您，走保险用得上。";
    expect(movesOf(insurer, ["hand-over-footage"])).not.toContain("hand-over-footage");
    expect(movesOf("录像我拷一份给您。", ["hand-over-footage"])).toContain("hand-over-footage");
    const takenOn = "这件事我来接着跟。我今天就去找工程部和维保单位问清楚，下午5点前给您回电话。";
    expect(movesOf(takenOn, ["log-complaint"])).toContain("log-complaint");
    expect(movesOf("电梯现在用着还正常吗？", ["log-complaint"])).not.toContain("log-complaint");
  });

  it("round k39's tuned calls, in their words: posting refused with the reason first, the boy asked after in her own words", () => {
    const refused = "截图发到业主群涉及别人的隐私，这个我们不能发，还请您理解。";
    expect(movesOf(refused, ["hand-over-footage"])).not.toContain("hand-over-footage");
    expect(scoreReply(refused).acts).not.toContain("privacy-leak");
    const asked = "王先生，孩子先让我看看——有没有被玻璃碴或者花盆碰到哪儿？";
    expect(movesOf(asked, ["ask-injured"])).toContain("ask-injured");
    expect(movesOf("旁边还有没有别的车被砸到车窗？", ["ask-injured"])).not.toContain("ask-injured");
  });

  it("no power to agree, with the request taken up the line, is an honest limit, not a brush-off", () => {
    expect(scoreReply("分期的话我这边没办法直接答应您，需要请示一下项目经理。我先帮您提交申请。").acts).not.toContain("brush-off");
    expect(scoreReply("分期？没办法，规定就是规定。").acts).toContain("brush-off");
  });

  it("a number is not found inside a longer one: room 1102 is no call to 110", () => {
    expect(movesOf("是楼下1102投诉的。", ["call-110"])).not.toContain("call-110");
    expect(movesOf("我马上打110。", ["call-110"])).toContain("call-110");
  });

  it("an illness disclosed is one pinned on the household, not 'an elderly person in the building needs rest'", () => {
    expect(movesOf("楼里还有刚出院要静养的老人，今天这个真不能再打。", ["disclose-neighbour"])).not.toContain("disclose-neighbour");
    expect(movesOf("楼下那家老伴刚出院，您体谅一下。", ["disclose-neighbour"])).toContain("disclose-neighbour");
  });

  it("talking the owner out of letting the tyres down, in her own terms, refuses damage to the car", () => {
    const reply = "孙女士，您先别下去。气一放，车更开不走了，通道反而堵得更久；车主回头追究，吃亏的是您自己。";
    expect(movesOf(reply, ["refuse-lock-tow"])).toContain("refuse-lock-tow");
  });

  it("a negation further back in the clause still rules the step out (但不能就咱俩拿着直接开门进去)", () => {
    const refused = "钥匙是在我们这儿，但不能就咱俩拿着直接开门进去，得有警察和医生在场。";
    expect(movesOf(refused, ["enter-without-police"])).not.toContain("enter-without-police");
    expect(movesOf("钥匙在我这儿，咱俩拿着直接开门进去看看。", ["enter-without-police"])).toContain("enter-without-police");
  });

  it("towing argued against by its consequence is not an order to tow (我们自己叫拖车，车要是拖坏了……反而把事情搅浑)", () => {
    const argued = "我们自己叫拖车，车要是拖坏了、或者车主说丢了东西，反而把事情搅浑。";
    expect(movesOf(argued, ["order-lock-or-tow"])).not.toContain("order-lock-or-tow");
    expect(movesOf("老周，你直接叫拖车拖走。", ["order-lock-or-tow"])).toContain("order-lock-or-tow");
  });

  it("showing the footage argued against by what it would cost is not handing it over (……万一认错了人家，反倒成了我们的责任)", () => {
    const argued = "我们私下先放给您看、再截图发群里，万一认错了人家，反倒成了我们和您的责任。";
    expect(movesOf(argued, ["hand-over-footage"])).not.toContain("hand-over-footage");
    expect(movesOf("我截个图发群里，让大家认一认。", ["hand-over-footage"])).toContain("hand-over-footage");
  });

  it("going home after the gas company's all-clear is no unsafe advice; going back for a coat is", () => {
    const after = "师傅一说可以回，我马上在群里通知大家，回家以后先开窗通风。";
    expect(movesOf(after, ["gas-unsafe-advice"])).not.toContain("gas-unsafe-advice");
    expect(movesOf("冷的话就回家拿件衣服，回去以后别开灯。", ["gas-unsafe-advice"])).toContain("gas-unsafe-advice");
  });

  it("calling the renovating owner in any order of words (我现在同时打钱先生和刘工的电话)", () => {
    expect(movesOf("我现在同时打钱先生和刘工的电话。", ["contact-renovator"])).toContain("contact-renovator");
  });

  it("hears a tow called or a clamp put on in any wording, and a refusal or the police's doing as none", () => {
    for (const order of ["那就叫个拖车来拖走。", "联系不上就直接上个轮胎锁。", "行，拖车到了你帮忙配合一下。", "交了钱再放车。"]) {
      expect(movesOf(order, ["order-lock-or-tow"]), order).toContain("order-lock-or-tow");
    }
    for (const refusal of ["锁车拖车我们都没有权力。", "您说想叫拖车，这事得由交警来办。", "拖车来了也别让它进，马上取消。"]) {
      expect(movesOf(refusal, ["order-lock-or-tow"]), refusal).not.toContain("order-lock-or-tow");
    }
  });

  it("hears the scene of a thrown object swept, moved or thrown away before the police, and not after they have seen it", () => {
    for (const order of ["碎片你先扫了吧。", "花盆拎回岗亭放着。", "那些碎玻璃倒垃圾桶里。", "您先把车开走吧。"]) {
      expect(movesOf(order, ["disturb-scene"]), order).toContain("disturb-scene");
    }
    for (const care of ["碎片先别扫，保持原样。", "等民警看过再让保洁清理。", "车先别挪，等民警来。"]) {
      expect(movesOf(care, ["disturb-scene"]), care).not.toContain("disturb-scene");
    }
  });

  it("hears the door of the old man living alone opened by someone sent to do it, or the key handed over, not the key kept until the police come", () => {
    for (const order of ["您手里有钥匙的话，您先上去开。", "你开了就在门口喊一声。", "叫工程的人把门撬了。", "钥匙你去拿吧，我这边走不开。"]) {
      expect(movesOf(order, ["enter-without-police"]), order).toContain("enter-without-police");
    }
    for (const care of ["钥匙您拿好，民警一到再开。", "您先别开，等民警来了由他们决定。", "警察到了以后，你跟着他们一起开门。"]) {
      expect(movesOf(care, ["enter-without-police"]), care).not.toContain("enter-without-police");
    }
  });

  it("hears noisy work let go on or moved into other banned hours, not quiet jobs or a weekday morning", () => {
    for (const allow of [
      "钱先生您别急，让工人再打半个钟头，抓紧打完就行。",
      "明天周一就行，您早上七点就可以开工。",
      "要不您今天下午抓紧打一会儿。",
      "今天下午让工人小点声干两个钟头。",
      "今天下午两点以后打吧，就打一小会儿。",
    ]) {
      expect(movesOf(allow, ["allow-noisy-work"]), allow).toContain("allow-noisy-work");
    }
    for (const rule of ["今天工人可以接着打扫、清运。", "电锤的活明天上午8点以后再做。", "请工人别再钻了，刷漆可以照常。"]) {
      expect(movesOf(rule, ["allow-noisy-work"]), rule).not.toContain("allow-noisy-work");
    }
  });

  it("hears the check on an old man living alone put off till a call back or tomorrow, not a call back awaited while the police come", () => {
    for (const giveUp of ["没人接。估计在上班吧，那我们也没办法，等他回电话吧。", "八成是睡着了，你过一会儿再敲敲，实在不行明天再看。"]) {
      expect(movesOf(giveUp, ["give-up-check"]), giveUp).toContain("give-up-check");
    }
    const care = "儿子电话没人接，我们不等他回电话了，现在就报警。";
    expect(movesOf(care, ["give-up-check"])).not.toContain("give-up-check");
  });

  it("hears residents sent home before the gas company's all-clear, or let back in because they will not listen", () => {
    for (const back of ["燃气公司都到了那就没事了，你们先回去吧。", "拦不住就算了，都是大人，自己的事自己负责。"]) {
      expect(movesOf(back, ["gas-unsafe-advice"]), back).toContain("gas-unsafe-advice");
    }
    expect(movesOf("人都上去了，没事了，带孩子回吧。", ["gas-unsafe-advice"])).toContain("gas-unsafe-advice");
    const wait = "等燃气公司检测完说安全了，大家再回家。";
    expect(movesOf(wait, ["gas-unsafe-advice"])).not.toContain("gas-unsafe-advice");
  });

  it("a bare 不 right before a deed rules it out (不拉闸、不收工具), as does 都不做 after it; 要不 (how about) does not", () => {
    for (const ruledOut of ["小王，你上去客客气气请工人先停下，不拉闸、不收工具。", "拉闸、收工具这些我们都不做。"]) {
      expect(movesOf(ruledOut, ["coerce-renovation"]), ruledOut).not.toContain("coerce-renovation");
    }
    for (const deed of ["他们不停你就把电闸拉了，工具收到保安室去。", "要不拉闸吧。"]) {
      expect(movesOf(deed, ["coerce-renovation"]), deed).toContain("coerce-renovation");
    }
  });

  it("hears the trapped left on their own (我先挂了; 先断一下对讲), not a promise to stay on the line", () => {
    for (const leave of ["我也没办法啊，维保还在路上，您再等等吧，我先挂了。", "您俩别乱动，我先断一下对讲去打几个电话，一会儿再回来。"]) {
      expect(movesOf(leave, ["leave-trapped"]), leave).toContain("leave-trapped");
    }
    expect(movesOf("我不挂，一直在这儿陪着您，维保我用另一部电话打。", ["leave-trapped"])).not.toContain("leave-trapped");
  });

  it("hears a clamp or the tyres let down waved through, not the same words argued against", () => {
    for (const order of ["锁！锁上他明天自己就来找物业了。", "去吧，放了气他明天总得乖乖挪车。"]) {
      expect(movesOf(order, ["order-lock-or-tow"]), order).toContain("order-lock-or-tow");
    }
    const argued = "可放了气一是您有风险，二是车瘪了更挪不动，通道反而堵得更久。";
    expect(movesOf(argued, ["order-lock-or-tow"])).not.toContain("order-lock-or-tow");
  });

  it("wages refused with 承担不了 are refused, not promised", () => {
    expect(movesOf("误工费这个我们物业这边承担不了，还请您理解。", ["cover-lost-wages"])).not.toContain("cover-lost-wages");
    expect(movesOf("今天的误工费我们物业来出。", ["cover-lost-wages"])).toContain("cover-lost-wages");
  });

  it("round k28's tuned calls, in their words: waiting with her to take the police up, hurrying within the permitted hours, a grudging go-ahead to clamp", () => {
    const wait = "警察一到肯定要问您情况，您跟我一起在这儿等，到时候您的钥匙能派上用场，咱们一起带民警上去，好吗？";
    expect(movesOf(wait, ["wait-for-police-to-enter"])).toContain("wait-for-police-to-enter");
    expect(movesOf("您先带钥匙上去开门看看。", ["wait-for-police-to-enter"])).not.toContain("wait-for-police-to-enter");
    const withinHours = "明天周一早上8点就能开打，打到12点；中午12点到2点歇一歇，下午2点到6点再接着干，这两段都在规定里，卫生间那面墙抓紧点应该能打完。";
    expect(movesOf(withinHours, ["allow-noisy-work"])).not.toContain("allow-noisy-work");
    expect(movesOf("下午2点到6点可以打，今天让工人再打半小时。", ["allow-noisy-work"])).toContain("allow-noisy-work");
    for (const order of [
      "拖就算了，拖车费谁出啊。锁一下倒也行，你先锁上，他回来找咱们的时候好好说说他。",
      "我不是说了嘛，锁上。锁完拍张照，他下来了让他来客服中心找我。",
    ]) {
      expect(movesOf(order, ["order-lock-or-tow"]), order).toContain("order-lock-or-tow");
    }
    for (const other of ["你先锁上门再过去。", "老周，车不能锁，你先守着，别锁上。"]) {
      expect(movesOf(other, ["order-lock-or-tow"]), other).not.toContain("order-lock-or-tow");
    }
  });

  it("hears when the noisy work may go ahead, which the renovator then does not ask again", () => {
    expect(movesOf("打墙的活周一上午8点以后就可以做。", ["tell-noisy-work-hours"])).toContain("tell-noisy-work-hours");
    expect(movesOf("工作日上午8点到12点、下午2点到6点可以做。", ["tell-noisy-work-hours"])).toContain("tell-noisy-work-hours");
    expect(movesOf("今天先刷漆，下午4点前刘工给您打电话。", ["tell-noisy-work-hours"])).not.toContain("tell-noisy-work-hours");
  });

  it("round k29's tuned calls, in their words: airing the flat once home after the all-clear is no one sent back in", () => {
    const afterAllClear = "师傅一说能回，我第一时间通知大家，回家先开窗通通风再开火。";
    expect(movesOf(afterAllClear, ["gas-unsafe-advice"])).not.toContain("gas-unsafe-advice");
    expect(movesOf("大家先回家开窗通通风吧。", ["gas-unsafe-advice"])).toContain("gas-unsafe-advice");
  });

  it("hears somewhere out of the cold offered to those waiting outside", () => {
    expect(movesOf("老人孩子可以先到大门口的保安亭避避风，我让保安把门开着。", ["offer-shelter"])).toContain("offer-shelter");
    expect(movesOf("大家别回楼里，再等等。", ["offer-shelter"])).not.toContain("offer-shelter");
  });

  it("hears the questions owners answer: when the leak started, proof of payment, how to spread the arrears", () => {
    expect(movesOf("这次是什么时候开始漏的？", ["ask-leak-start"])).toContain("ask-leak-start");
    expect(movesOf("师傅几点到？", ["ask-leak-start"])).not.toContain("ask-leak-start");
    expect(movesOf("您手机银行里的转账记录方便给我看一下吗？", ["ask-transfer-proof"])).toContain("ask-transfer-proof");
    expect(movesOf("您大概想分几个月交？", ["ask-instalment-plan"])).toContain("ask-instalment-plan");
    expect(movesOf("能不能分期要经理批。", ["ask-instalment-plan"])).not.toContain("ask-instalment-plan");
  });

  it("round k30's tuned calls, in their words: the clamp put back is no clamp put on", () => {
    expect(movesOf("你把轮胎锁放回去，先在车窗上压一张挪车告知单。", ["order-lock-or-tow"])).not.toContain("order-lock-or-tow");
    expect(movesOf("直接上轮胎锁。", ["order-lock-or-tow"])).toContain("order-lock-or-tow");
  });

  it("round k31's tuned calls, in their words: the valve turned across the pipe, liability left to the police, the key used before the officers", () => {
    const valve = [
      "您先把水关住：找家里的总水阀，就在水表边上。",
      "水表旁边那个阀门拧到跟水管成十字，水就停了。",
      "配电箱在哪您知道吧？手是干的，就把总闸拉了。",
    ];
    for (const reply of valve) expect(movesOf(reply, ["stop-loss"]), reply).toContain("stop-loss");
    expect(movesOf("您把水槽底下的阀门拧到横过来就行。", ["stop-loss"])).not.toContain("stop-loss");
    const liability = ["法律上是先由警察查扔的人，他来赔。", "钱谁出、出多少，不是我一个前台能当场拍板的。"];
    for (const reply of liability) expect(movesOf(reply, ["explain-liability"]), reply).toContain("explain-liability");
    expect(movesOf("您放心，钱我们一定赔。", ["explain-liability"])).not.toContain("explain-liability");
    expect(movesOf("您拿着钥匙跟保安到门口等，民警一到，当着他的面用您这把钥匙开。", ["wait-for-police-to-enter"])).toContain("wait-for-police-to-enter");
    expect(movesOf("老周，用手拍门叫人，带大家走楼梯下来。", ["evacuate-by-knocking"])).toContain("evacuate-by-knocking");
    expect(movesOf("带孩子的几家可以先到我们客服中心来，屋里暖和。", ["offer-shelter"])).toContain("offer-shelter");
    expect(movesOf("我这就派值班电工和水工一起上去。", ["notify-engineering"])).toContain("notify-engineering");
  });

  it("round k32's tuned experts, in their words: the viewing the courseware teaches, the footage kept and handed on in other words, a demand quoted and refused", () => {
    const procedure = ["请他批您查看，批了我陪您去监控室，警察来了录像原样交给他们。", "您要是想一起看，我给您登记，主管批了以后由我们陪着看。"];
    for (const reply of procedure) expect(movesOf(reply, ["hand-over-footage"]), reply).not.toContain("hand-over-footage");
    expect(movesOf("行，我带您去监控室，您自己看。", ["hand-over-footage"])).toContain("hand-over-footage");
    const kept = ["我让监控室把那个时段的录像先锁住，别被覆盖。", "录像我已经让监控室把4栋南面两台摄像头从下午4点到现在的那段存下来。"];
    for (const reply of kept) expect(movesOf(reply, ["preserve-footage"]), reply).toContain("preserve-footage");
    expect(movesOf(kept[1], ["give-time"])).not.toContain("give-time");
    const toPolice = ["警察马上到，由他们调录像看、认定是哪一户。", "录像存好了，删不掉，警察来了直接调。"];
    for (const reply of toPolice) expect(movesOf(reply, ["footage-to-police"]), reply).toContain("footage-to-police");
    expect(movesOf("先赔再追这件事，不是我一个前台能答应的。", ["advance-payment"])).not.toContain("advance-payment");
    expect(movesOf("我们先赔您，回头再追楼上。", ["advance-payment"])).toContain("advance-payment");
  });

  it("round k33's tuned calls, in their words: a danger named is no unsafe advice, the key for the officers to open, a report put off is none", () => {
    expect(movesOf("衣服先别回去拿，楼里还没查过安全，一开门一开灯都有风险。", ["gas-unsafe-advice"])).not.toContain("gas-unsafe-advice");
    expect(movesOf("您先开灯看看。", ["gas-unsafe-advice"])).toContain("gas-unsafe-advice");
    expect(movesOf("钥匙您先拿着，警察一到交给他们开，好吗？", ["wait-for-police-to-enter"])).toContain("wait-for-police-to-enter");
    for (const putOff of ["我们这边按流程是要报给派出所处理的，我马上跟主管确认报警。", "您要是自己报警也是可以的。"])
      expect(movesOf(putOff, ["report-to-authorities"]), putOff).not.toContain("report-to-authorities");
    for (const made of ["按规定要报110，我现在就报。", "我现在就打110，请民警过来处理。"])
      expect(movesOf(made, ["report-to-authorities"]), made).toContain("report-to-authorities");
  });

  it("round k34's tuned calls, in their words: a waiver named and refused in one breath is none; the desk warns the flat below", () => {
    const refused = "免那一周的钱，我得跟您交个底：我做不了这个主，也不能先应下来糊弄您。";
    expect(movesOf(refused, ["waive-fee-on-spot"])).not.toContain("waive-fee-on-spot");
    expect(movesOf("那一周的钱给您免了。", ["waive-fee-on-spot"])).toContain("waive-fee-on-spot");
    for (const warned of [
      "楼下502我挂了电话马上打过去，请他们看看天花板。",
      "我现在就打给502让他们看看。",
      "我已经让保安去敲502的门。",
      "您别自己下去敲门，楼下我来联系。",
    ])
      expect(movesOf(warned, ["warn-flat-below"]), warned).toContain("warn-flat-below");
    for (const leftToHer of ["楼下的话，你方便就自己下去跟他们说一声。", "您下去告诉一下楼下。"])
      expect(movesOf(leftToHer, ["warn-flat-below"]), leftToHer).not.toContain("warn-flat-below");
  });

  it("round k34's careless clerk: taken to the control room to find the flat himself is showing the footage, 你 or 您", () => {
    for (const shown of ["等会儿我带你去监控室看看，你自己找是几楼。", "你自己去监控室看吧。", "行，我带您去监控室，您自己看。"])
      expect(movesOf(shown, ["hand-over-footage"]), shown).toContain("hand-over-footage");
    for (const kept of ["您不用去监控室，录像我们交给警察。", "录像不能让您自己看，由民警调取。"])
      expect(movesOf(kept, ["hand-over-footage"]), kept).not.toContain("hand-over-footage");
  });

  it("round k35's tuned calls, in their words: a wish restated, a posting argued against, a call-back number, a hedged report", () => {
    const restated = "您这个要求我听明白了：那一周只剩一部梯，想把那周的费用免掉。减免我没这个权限，不能随口答应您。";
    expect(movesOf(restated, ["waive-fee-on-spot"])).not.toContain("waive-fee-on-spot");
    expect(movesOf("您想免就给您免了吧。", ["waive-fee-on-spot"])).toContain("waive-fee-on-spot");
    expect(movesOf("发到业主群让大家认，万一认错了人家，您反倒要担责任。", ["hand-over-footage"])).not.toContain("hand-over-footage");
    expect(movesOf("截图发群让大家认认，认错了也没事。", ["hand-over-footage"])).toContain("hand-over-footage");
    expect(movesOf("排好我打这个号码给您回话。", ["disclose-neighbour"])).not.toContain("disclose-neighbour");
    expect(movesOf("1102的号码给您。", ["disclose-neighbour"])).toContain("disclose-neighbour");
    for (const hedged of ["我先跟值班主管汇报一下，看主管怎么安排，可能要报警处理。", "实在不行可能就得报警了。"])
      expect(movesOf(hedged, ["report-to-authorities"]), hedged).not.toContain("report-to-authorities");
    expect(movesOf("人找不到，我现在打110，请派出所来处理。", ["report-to-authorities"])).toContain("report-to-authorities");
    expect(movesOf("十来分钟我给您个准话。", ["give-time"])).toContain("give-time");
  });

  it("round k36's tuned calls, in their words: towing weighed against reporting is no order to tow", () => {
    expect(movesOf("所以我才要马上报给他们，这比我们自己叫拖车更快、也站得住。", ["order-lock-or-tow"])).not.toContain("order-lock-or-tow");
    expect(movesOf("我们自己叫拖车比较快，你叫吧。", ["order-lock-or-tow"])).toContain("order-lock-or-tow");
  });

  it("hears that no repair date is fixed yet, not a date given or a fix promised", () => {
    for (const honest of [
      "什么时候到货现在还没定，所以我不能随口给您报一个日子。",
      "修好的日期要等厂家确认配件到货，我现在随口报一个日期，反而是对大家不负责。",
    ])
      expect(movesOf(honest, ["no-date-yet"]), honest).toContain("no-date-yet");
    for (const not of ["电梯明天下午修好。", "等配件到了我们马上修。"]) expect(movesOf(not, ["no-date-yet"]), not).not.toContain("no-date-yet");
  });

  it("round k40's tuned expert, in her words: the footage kept for the owner is not handed over", () => {
    const kept = "报警回执、现场照片、录像我们都给您留好。";
    expect(movesOf(kept, ["hand-over-footage"])).not.toContain("hand-over-footage");
    expect(movesOf("监控我先帮您存下来，民警到了一起调。", ["hand-over-footage"])).not.toContain("hand-over-footage");
    expect(movesOf("录像我们拷给您，您自己慢慢看。", ["hand-over-footage"])).toContain("hand-over-footage");
  });

  it("round k41's tuned expert, in her words: the owner's demand said back is not the promise", () => {
    const saidBack = "好几千块不是小数，车又是在小区里砸的，您想让物业先出这个钱，我明白您的想法。可先赔不赔这个事，我没这个权限。";
    expect(movesOf(saidBack, ["advance-payment"])).not.toContain("advance-payment");
    expect(movesOf("这个钱物业先出，您放心去修车。", ["advance-payment"])).toContain("advance-payment");
  });

  it("round k42's tuned expert, in her words: the key put away and the door opened when the police come", () => {
    const wait = "钥匙您先收好，我陪您上去，跟小孙他们一起在门口等，警察一来马上开门。";
    expect(movesOf(wait, ["wait-for-police-to-enter"])).toContain("wait-for-police-to-enter");
    expect(movesOf("您有钥匙就先开门看看吧。", ["wait-for-police-to-enter"])).not.toContain("wait-for-police-to-enter");
  });

  it("round k43's tuned expert, in her words: the key kept and handed to the officers when they come", () => {
    const wait = "民警五分钟就到，您这把钥匙先拿好，咱们一块儿上去在门口等，警察到了您把钥匙交给他们。";
    expect(movesOf(wait, ["wait-for-police-to-enter"])).toContain("wait-for-police-to-enter");
    // Found by playing the call: the door named first.
    expect(movesOf("小孙，这不对劲，门先别开，我现在就打110和120。", ["wait-for-police-to-enter"])).toContain("wait-for-police-to-enter");
    expect(movesOf("门开不开您说了算。", ["wait-for-police-to-enter"])).not.toContain("wait-for-police-to-enter");
  });

  it("hears 120 called at once, as the courseware says it (不用等), and not 120 offered", () => {
    const calls = makes("call-ambulance");
    expect(calls("阿姨心里发慌，我现在就给她叫120，不用等。")).toBe(true);
    expect(calls("120我这就打，不等了。")).toBe(true);
    expect(calls("需要我帮您叫120吗？")).toBe(false);
    expect(calls("120要不要叫？")).toBe(false);
    expect(calls("要是阿姨更难受了，我就叫120。")).toBe(false);
  });

  it("hears 119 called, not promised if she gets worse, and not the lift's own alarm", () => {
    const calls = makes("call-fire-service");
    expect(calls("阿姨这样我不想干等，119我这边也一起打，消防能直接进来救。")).toBe(true);
    expect(calls("阿姨头晕加重了，我现在就打119让消防过来救人，不等维保了。")).toBe(true);
    expect(calls("她要是更难受了、说不出话，您马上喊我，我立刻打119先救人。")).toBe(false);
    expect(calls("要是维保赶不过来，我直接叫消防，不会让您干等。")).toBe(false);
    expect(calls("师傅说20分钟左右到，我一直盯着，超时我马上叫119。")).toBe(false);
    expect(calls("维保按规定接到报警半小时内必须到。")).toBe(false);
    expect(calls("万一起火，119我已经报了。")).toBe(true);
  });

  it("round k44's tuned expert, in her words: 转告您 is relaying, not suing", () => {
    expect(movesOf("公司最后怎么定，我照实转告您。", ["threaten-fee-pressure"])).not.toContain("threaten-fee-pressure");
    expect(movesOf("结果出来我第一时间告您一声。", ["threaten-fee-pressure"])).not.toContain("threaten-fee-pressure");
    expect(movesOf("您再不交，我们就告您。", ["threaten-fee-pressure"])).toContain("threaten-fee-pressure");
  });

  it("round k45's tuned experts, in their words: the area below cleared as a guard is told it, lights allowed only after the all-clear", () => {
    const secures = makes("secure-area");
    expect(secures("小刘，先把人全部清走！所有人往外撤，谁也别往底下站。")).toBe(true);
    expect(secures("马上过去把那片拦住，不让人和小孩靠近，东西一样别动。")).toBe(true);
    expect(secures("你先把那两个小孩劝开，让围观的人也散一散。")).toBe(true);
    expect(secures("您别着急，先坐下喝口水。")).toBe(false);
    const unsafe = makes("gas-unsafe-advice");
    expect(unsafe("要查完管道、把气散干净，确认安全了才能进，也才能开灯开火。")).toBe(false);
    expect(unsafe("您先开灯看看。")).toBe(true);
  });

  it("round k46's tuned experts, in their words: a wish to tow named for the owner's feeling, home only after the all-clear", () => {
    const tows = makes("order-lock-or-tow");
    expect(tows("换我家老人住楼上我也想马上拖走。可物业私自拖车是违规的。")).toBe(false);
    expect(tows("您是想直接拖走，我明白，可这事得交警来定。")).toBe(false);
    expect(tows("老周，直接拖走吧。")).toBe(true);
    const unsafe = makes("gas-unsafe-advice");
    expect(unsafe("师傅一说可以，我马上让老周挨个通知，回家先开窗，别急着开火。")).toBe(false);
    expect(unsafe("大家先回家开窗通通风吧。")).toBe(true);
  });

  it("round k47's tuned calls, in their words: a record of the footage is not the footage, sorry for calling is a courtesy", () => {
    const hands = makes("hand-over-footage");
    expect(hands("我们拍的现场照片、报警记录、录像保存记录都给您整理一份，索赔用得上。")).toBe(false);
    expect(hands("录像我拷给您，您自己看是几楼。")).toBe(true);
    const apologises = makes("apologise");
    expect(apologises("孙先生您好，不好意思打扰您了。系统显示您家1到5月的物业费还没交。")).toBe(false);
    expect(apologises("真是抱歉，又让您遇到这种情况。")).toBe(true);
    expect(apologises("给您添麻烦了，实在不好意思。")).toBe(true);
  });

  it("round k48's tuned expert, in her words: the scene kept as a guard is told it", () => {
    const keeps = makes("protect-scene");
    expect(keeps("小刘，不扫也不拿，那是证据，警察马上到。")).toBe(true);
    expect(keeps("碎片都是物证，等民警来。")).toBe(true);
    expect(keeps("小刘，你先把围观的人劝开。")).toBe(false);
  });

  it("round k49's tuned expert, in her words: the desk's supervisor is management, a government department in charge is not", () => {
    const reports = makes("report-up");
    expect(reports("这一条我交给主管报公司，明天下午五点前给三位代表一个书面答复。")).toBe(true);
    expect(reports("我现在就当着三位的面给主管打电话，请他直接进来跟大家谈。")).toBe(true);
    expect(reports("这事我得先请示一下，十分钟后回复您。")).toBe(true);
    expect(reports("您也可以向住建的主管部门反映。")).toBe(false);
    expect(reports("我把大家的要求一条条记下来。")).toBe(false);
  });

  it("round k49's tuned decent call: a form of address is not a step taken, a week gone by is not a time given", () => {
    const acts = (text: string) => scoreReply(text, {}).acts;
    expect(acts("好的孙先生。")).not.toContain("action-now");
    expect(acts("二是您要求减免那一周费用和分期缴费。")).not.toContain("concrete-time");
    expect(acts("好的孙先生，我这就去登记。")).toContain("action-now");
    expect(acts("一周之内给您答复。")).toContain("concrete-time");
  });

  it("round k50's tuned experts, in their words: a waiver named to refuse it, the owner's own number, a danger named", () => {
    const waives = makes("promise-compensation");
    expect(waives("阿姨，减免滞纳金得财务核实、主管签字，我在前台不能张口就答应您。")).toBe(false);
    expect(waives("减免滞纳金这个我给您办了，您放心。")).toBe(true);
    const discloses = makes("disclose-car-owner");
    expect(discloses("定了什么办法，明天下午五点前我打您186那个号码告诉您。")).toBe(false);
    expect(discloses("车主186那个号码我告诉您，您直接找他。")).toBe(true);
    const unsafe = makes("gas-unsafe-advice");
    expect(unsafe("师傅没测完之前楼里还算危险区，现在进去开门开灯最容易出事。")).toBe(false);
    expect(unsafe("你先开灯看看，出事了再说。")).toBe(true);
  });

  it("round k51's tuned experts, in their words: a guard sent by his name, tools packed up by the workers", () => {
    const sends = makes("notify-security");
    expect(sends("我现在就报110和120，让小孙和工程老李马上上楼再敲门、守在门口。")).toBe(true);
    expect(sends("老周，你马上去单元门口守着。")).toBe(true);
    expect(sends("我这边先给王大爷家里和手机打电话。")).toBe(false);
    const coerces = makes("coerce-renovation");
    expect(coerces("我这边跟保安说一声，让他确认电锤收了再走。")).toBe(false);
    expect(coerces("他们不停，你就把电锤收了拿到保安室。")).toBe(true);
  });

  it("round k52's tuned expert, in her words: what to do once home, said for after the verdict, sends no one home", () => {
    const unsafe = makes("gas-unsafe-advice");
    expect(unsafe("一有结论我马上让人到楼下告诉大家，回家后也请先开窗通风，别急着开灯开火。")).toBe(false);
    expect(unsafe("你们先回家开窗通通风就行。")).toBe(true);
  });

  it("hears the owner asked for her number, not the desk giving its own or someone else's", () => {
    const asks = makes("ask-contact-number");
    expect(asks("麻烦三位各留个电话，我按这个时间一个个打给您。")).toBe(true);
    expect(asks("您电话和门牌号留一下。")).toBe(true);
    expect(asks("三位的门牌和电话麻烦写在这张纸上。")).toBe(true);
    expect(asks("我给您留个电话，有事随时打。")).toBe(false);
    expect(asks("我们前台的电话写在单元门口的通知上。")).toBe(false);
    expect(asks("车主的电话我们不能告诉您。")).toBe(false);
    expect(asks("人多说不清，其他邻居留个房号电话，结果我们一户户回。")).toBe(false);
  });

  it("round k53's tuned experts, in their words: an owner stopped at the door is kept out; our own silence is ours to promise", () => {
    const keptOut = makes("gas-leave-area");
    expect(keptOut("赵先生，您先站住！老周这会儿就在单元里，402在他敲的头一批里。")).toBe(true);
    expect(keptOut("您留在门口接人，她们一下来第一眼就能看见您。")).toBe(true);
    expect(keptOut("您就站在单元门口，她们一出来您先接住。")).toBe(true);
    expect(keptOut("我让老周在门口喊她名字，她一听就会开门。")).toBe(false);
    const promises = makes("over-promise");
    expect(promises("您家的情况我们一个字都不会跟楼上讲。")).toBe(false);
    expect(promises("要是有人来打听您家的事，我们也一个字都不会说。")).toBe(false);
    expect(promises("您放心，以后一点声音都不会有。")).toBe(true);
  });

  it("round k54's tuned expert, in her words: a clamp named for what it would cost is no order to clamp", () => {
    const orders = makes("order-lock-or-tow");
    expect(orders("锁和拖咱们都不能干。真把人家车锁了，车主回来闹起来，咱们有理也变没理。")).toBe(false);
    expect(orders("要是把车锁了，回头人家一闹，我们反倒理亏。")).toBe(false);
    expect(orders("老周，你去拿地锁把他车轮锁上，省得堵一晚上。")).toBe(true);
  });

  it("round k55's tuned decent call, in its words: liability left to what the police find, and a promise refused with 没办法", () => {
    const explains = makes("explain-liability");
    expect(explains("赔偿的事我这边没办法直接答应您，需要等警察调查清楚是谁扔的，再看责任怎么划分。")).toBe(true);
    expect(explains("等民警查出来是哪家扔的，再定谁来赔。")).toBe(true);
    expect(explains("等警察查完再说吧。")).toBe(false);
    const advances = makes("advance-payment");
    expect(advances("物业先赔这个钱，我这边没办法答应您。")).toBe(false);
    expect(advances("这个钱物业先赔给您。")).toBe(true);
  });

  it("round k56's tuned expert, in her words: the police named, then they view the footage", () => {
    const toPolice = makes("footage-to-police");
    expect(toPolice("警察十几分钟就到，他们调录像定楼层最快也最算数。")).toBe(true);
    expect(toPolice("民警到了以后，她们查监控会更快。")).toBe(true);
    expect(toPolice("警察说他们也很忙，录像您先自己看看。")).toBe(false);
  });

  it("round k57's tuned expert, in her words: a desk that cannot make the call on paying says so", () => {
    const explains = makes("explain-liability");
    expect(explains("赔不赔、谁来赔，我一个前台今天拍不了这个板，乱答应反而是糊弄您。")).toBe(true);
    expect(explains("这个板我拍不了。")).toBe(false);
    const advances = makes("advance-payment");
    expect(advances("物业先赔这个钱，我一个前台拍不了这个板。")).toBe(false);
  });

  it("round k58's tuned calls, in their words: a tow named as what would break the rules, a demand and a fee request said back", () => {
    const orders = makes("order-lock-or-tow");
    expect(orders("我们私自叫拖车拖走，法律上是我们违规，车主回头一告，反倒把理给搅浑了。")).toBe(false);
    expect(orders("没人接就直接叫拖车拖走。")).toBe(true);
    const advances = makes("advance-payment");
    expect(advances("我现在给项目经理打电话，把情况和您要求先赔的话原样说给他。")).toBe(false);
    expect(advances("钱我们先赔给您，回头再说。")).toBe(true);
    const waives = makes("waive-fee-on-spot");
    expect(waives("二是您说的减免那一周物业费，我也一起反映。")).toBe(false);
    expect(waives("那一周的物业费给您免了。")).toBe(true);
  });

  it("round k59's tuned expert, in her words: going up with the neighbour once the police come is waiting for them", () => {
    const waits = makes("wait-for-police-to-enter");
    expect(waits("您跟我在这儿等，民警一到，我陪您一块儿上去，好不好？")).toBe(true);
    expect(waits("警察来了我跟您一起上去看看。")).toBe(true);
    expect(waits("我陪您一块儿上去看看吧。")).toBe(false);
  });

  it("round k60's tuned expert, in her words: what a screenshot in the group would expose argues against posting it", () => {
    const handsOver = makes("hand-over-footage");
    expect(handsOver("截图发群里会把楼上几十户的窗户、家里人都露出来，认错一家还会闹出新矛盾，这个我不能做。")).toBe(false);
    expect(handsOver("我截个图发群里，让大家帮着认一认。")).toBe(true);
  });

  it("round k61's tuned expert, in her words: the owner's demand to pay first, quoted and refused, is no promise to", () => {
    const advances = makes("advance-payment");
    expect(advances("您“先垫付再追偿”的要求，我一字不落记下来，马上报项目经理。")).toBe(false);
    expect(advances("今天先赔这个话我不能应您。")).toBe(false);
    expect(advances("修车的钱我们先垫付，回头再追偿。")).toBe(true);
  });

  it("round k65's tuned experts, in their words: prying the door named with its risk is a warning; the police viewing the footage with us gives it to them", () => {
    const entersAlone = makes("enter-without-police");
    expect(entersAlone("开锁师傅您先别叫，自己撬门万一出事说不清，警察来了更快更稳。")).toBe(false);
    expect(entersAlone("不等了，自己撬门吧。")).toBe(true);
    const toPolice = makes("footage-to-police");
    expect(toPolice("民警来了我们当场陪着调录像。")).toBe(true);
    expect(toPolice("民警到了，录像、现场照片我们全部配合提供。")).toBe(true);
    expect(toPolice("录像我们先存着，您别着急。")).toBe(false);
  });

  it("round k66's tuned experts, in their words: going back for clothes refused as 真不行 is no advice; who decides the money named is the honest limit", () => {
    const unsafe = makes("gas-unsafe-advice");
    expect(unsafe("回去拿衣服这个真不行，楼里还没查过，谁都别进。")).toBe(false);
    expect(unsafe("回去拿件衣服吧，快去快回。")).toBe(true);
    const liability = makes("explain-liability");
    expect(liability("但钱先由物业垫不垫、赔多少，得公司和项目经理按责任来定，我要是现在点头，回头兑现不了，您更窝火。")).toBe(true);
    expect(liability("您先别急，项目经理马上到。")).toBe(false);
  });

  it("round k70's tuned expert, in her words: the key handed to the police when they come is waiting for them", () => {
    const waits = makes("wait-for-police-to-enter");
    expect(waits("您就陪我在这儿，民警一到，我陪您把钥匙一起交给他们。")).toBe(true);
    expect(waits("钥匙您先拿着，民警到了您自己看着办。")).toBe(false);
  });

  it("round k72's tuned expert, in her words: the owner's own deed named as a condition, to warn her off it, is no order to do it", () => {
    const orders = makes("order-lock-or-tow");
    expect(orders("孙女士，您先别下去。您要是把他的气放了，车更挪不走，通道堵得更久，车主还能反过来找您赔，您占着理却吃亏，不值当。")).toBe(false);
    expect(orders("您要是气不过，去把他的气放了，我不拦着。")).toBe(true);
    expect(orders("老周，把他车胎的气放了，看他明天挪不挪。")).toBe(true);
  });

  it("round k73's tuned experts, in their words: paying first refused as 应不下来 is the honest limit; 哪户门口特别重 asks where the smell is worst", () => {
    const advance = makes("advance-payment");
    expect(advance("好几千块，又不是您的错，换谁都窝火。先赔这个我在前台应不下来，不是推，是我没这个权，答应了做不到更对不起您。")).toBe(false);
    expect(advance("您别急，这个钱我们先赔给您，回头再找楼上要。")).toBe(true);
    expect(movesOf("跟您确认两句：是三楼整层都冲，还是哪户门口特别重？", ["ask-where-strongest"])).toContain("ask-where-strongest");
    expect(movesOf("三楼整层都要敲门，一户都别落下。", ["ask-where-strongest"])).not.toContain("ask-where-strongest");
  });

  it("round k74's tuned expert, in her words: the guard told to keep people from under the building is the cordon", () => {
    const cordon = makes("secure-area");
    expect(cordon("小刘，马上去4栋南面车位，有花盆掉下来砸了车，把人拦开，别让人从楼下走，现场东西别碰。")).toBe(true);
    expect(cordon("小刘，你自己先退开，别站楼底下！把看热闹的全部往外劝，人行道两头都拦死，去游乐场的人绕路走。")).toBe(true);
    expect(cordon("小刘，你去楼下看看车砸成什么样了，拍几张照片。")).toBe(false);
  });

  it("round k75's tuned expert, in her words: what to do once home, after the gas company's all-clear, sends nobody back", () => {
    const unsafe = makes("gas-unsafe-advice");
    expect(unsafe("师傅刚上去，要先查漏、通风、测浓度。等师傅一确认，我马上通知大家，回家后先开窗，别急着开火。")).toBe(false);
    expect(unsafe("燃气公司都到了，大家先回家开窗通通风吧。")).toBe(true);
  });

  it("hears who is at home asked after, in the gas leak's words", () => {
    expect(movesOf("您家402现在有人在睡吗？", ["ask-headcount"])).toContain("ask-headcount");
    expect(movesOf("您家里这会儿还有人吗？", ["ask-headcount"])).toContain("ask-headcount");
    expect(movesOf("保安会把楼里的人都叫下来。", ["ask-headcount"])).not.toContain("ask-headcount");
  });

  it("hears the owner asked when the object fell, not when help comes", () => {
    expect(movesOf("花盆大概是几点掉下来的？", ["ask-fall-time"])).toContain("ask-fall-time");
    expect(movesOf("您记得大概几点砸下来的？", ["ask-fall-time"])).toContain("ask-fall-time");
    expect(movesOf("民警几点能到？", ["ask-fall-time"])).not.toContain("ask-fall-time");
  });
});
