/**
 * Concept groups for topic features. With a few dozen examples per label, most test sentences
 * use words no training sentence used ("stutter", "quote", "parcel"); mapping common domain words
 * to a shared cue feature lets the classifier learn one weight per concept instead of one per
 * word, the classic fix for sparse intent data (cf. gazetteer features in Ratinov & Roth, CoNLL
 * 2009). Groups name concepts, not labels, so a custom label set can use or ignore them; the
 * weights are learned. Written by hand from general product-feedback vocabulary.
 */
export const topicCueGroups: Readonly<Record<string, readonly string[]>> = {
  money: [
    ...'price prices pricing priced cost costs expensive cheap cheaper pricey overpriced afford affordable'.split(
      ' ',
    ),
    ...'fee discount discounts coupon plan plans subscription pay paid paying charge charged dollar dollars'.split(
      ' ',
    ),
    ...'money budget invoice billing tier license worth'.split(' '),
    ...['价格', '价钱', '贵', '便宜', '优惠', '收费', '性价比', '付费', '打折'],
  ],
  failure: [
    ...'crash crashes crashed crashing error errors bug bugs broken break breaks fail fails failed failing'.split(
      ' ',
    ),
    ...'wrong glitch glitches freeze freezes frozen stuck missing disappeared duplicate incorrect rejected'.split(
      ' ',
    ),
    ...'reset issue'.split(' '),
    ...['闪退', '崩溃', '报错', '错误', '失败', '故障', '没有反应'],
  ],
  request: [
    ...'add please wish would could feature option ability allow integrate integration want request need'.split(
      ' ',
    ),
    ...'plans let support suggestion'.split(' '),
    ...['希望', '增加', '建议', '支持', '能不能', '功能'],
  ],
  interface: [
    ...'confusing confused find hidden navigate navigation menu layout button buttons icon icons font screen'.split(
      ' ',
    ),
    ...'click tap intuitive easy hard unclear cluttered design steps form readable interface ui'.split(' '),
    ...['界面', '操作', '找不到', '字体', '复杂', '步骤'],
  ],
  speed: [
    ...'slow slowly fast faster quick quickly lag laggy lags sluggish load loads loading seconds minutes'.split(
      ' ',
    ),
    ...'forever battery memory cpu delay timeout buffering heavy speed performance'.split(' '),
    ...['慢', '卡顿', '加载', '耗电', '发热', '流畅', '速度'],
  ],
  help: [
    ...'support agent agents customer service ticket tickets reply replied response respond help chat email'.split(
      ' ',
    ),
    ...'call phone contact representative staff'.split(' '),
    ...['客服', '回复', '电话', '联系', '售后'],
  ],
  shipping: [
    ...'delivery delivered deliver shipping shipped ship package parcel courier tracking arrived arrive box'.split(
      ' ',
    ),
    ...'order orders packaging driver warehouse'.split(' '),
    ...['快递', '物流', '包装', '发货', '到货', '送货'],
  ],
};
