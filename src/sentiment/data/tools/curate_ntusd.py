#!/usr/bin/env python3
"""Writes src/sentiment/data/zh_ntusd.tsv: curated NTUSD words (MIT). Not part of the build; kept so
the file can be remade and its curation read.

Input: zh_common_NTUSD.yaml from the PyPI package cntext 2.2.1 (MIT), which bundles NTUSD in
Simplified characters:
    pip download cntext==2.2.1 --no-deps -d /tmp/c && cd /tmp/c && unzip -q cntext-2.2.1-py3-none-any.whl
and jieba's dictionary (MIT; used to order the frequent-word review that produced DROP and to
leave out two-character entries that are no word of its own), from the PyPI package jieba 0.42.1:
    pip download jieba==0.42.1 --no-deps -d /tmp/j && tar xzf /tmp/j/jieba-0.42.1.tar.gz -C /tmp/j
Run from the repository root (it reads our own lexicon and modifiers, which win):
    python3 src/sentiment/data/tools/curate_ntusd.py /tmp/c/cntext/io/data/zh_common_NTUSD.yaml \
        /tmp/j/jieba-0.42.1/jieba/dict.txt > src/sentiment/data/zh_ntusd.tsv
Needs PyYAML.
"""
import sys

import yaml

VALENCE = 1.2
DATA = "src/sentiment/data"
# Frequent entries that are neutral in ordinary use, or that collide with other words
# (三八 in phone numbers, 天才 in 三天才到), found by reading the 1,000 most frequent.
DROP = set("""
发展 进行 知道 重要 成为 通过 生产 决定 管理 建设 法律 要求 参加 东西 能力 革命 得到 举行 资源 提高
完成 准备 增加 获得 达到 实行 实现 保护 艺术 利用 学习 合作 很多 希望 最高 重大 实际 了解 地位 批准
专家 明白 作战 接受 坚持 开发 独立 注意 机会 经验 真正 全面 明显 正式 保证 考虑 联合 自由 拥有 专门
清楚 说明 利益 开放 特色 命令 训练 治疗 离开 经营 怎样 减少 财产 进攻 充分 相信 确定 创造 促进 竟然
爱国 肯定 音乐 重视 竞争 适应 明确 优势 确实 高级 适当 发达 愿意 矛盾 成长 一致 贵族 掌握 天然 突出
进步 发动 必要 欢迎 公开 限制 现实 胖子 撤销 推进 平等 下降 紧张 严格 大声 习惯 武装 利润 降低 符合
失去 财富 承认 爆发 完整 答应 营养 协调 抓住 对手 发育 理想 兴趣 患者 病人 相反 固定 停止 秘密 审判
尚未 规范 成就 给予 防止 恐怕 道理 道德 低声 微微 冠军 居然 通知 黄金 动手 消失 熟悉 取消 流行 合法
深刻 批评 前进 秩序 自动 反复 无人 刺激 自我 享有 对付 纪念 富有 学会 眼泪 挑战 爱情 自主 丝毫 透露
禁止 大叫 详细 怀疑 提升 辐射 变革 最低 决心 搜索 有权 退出 分离 消除 牺牲 思考 意外 急忙 无疑 请求
的确 老子 服从 义务 逻辑 随便 不下 神经 冲击 理性 负担 频繁 支配 何必 射击 协助 通用 达成 才能 职责
光芒 时机 可用 人为 领先 变动 犯人 权益 信用 抑制 罢了 占据 脱离 化石 生效 锻炼 垄断 履行 正面 议论
娱乐 用力 依赖 阻止 包围 殖民地 规矩 创立 暗中 技巧 脾气 家伙 相等 极端 悄悄 鲜明 拆除 减轻 精力 否定
承受 开采 揭露 罕见 致使 活着 恰好 逮捕 迫使 曲折 透明 分化 理会 缩小 辅助 逃走 排除 消耗 法定 脂肪
对立 细菌 夺得 代价 暴露 有意 发作 武力 有名 限度 古典 隐藏 特权 屁股 猛地 自称 老大 刑事 落下 处置
倾斜 分开 追赶 约束 解除 子弹 削弱 宽阔 首位 拼命 死者 清理 解开 光泽 乐园 指望 生育 高压 外来 下手
发觉 升起 仆人 怀着 过早 落入 没收 突发 申诉 求助 疑问 节制 一再 超出 分工 避开 全力 判决 加重 报仇
合乎 开拓 猛然 狠狠 挖掘 较量 欲望 中断 打断 离婚 走私 警惕 倾向 意图 清除 拳头 冒险 偷偷 宁可 一拳
震动 渗透 无关 远离 不明 约定 陌生 暗示 打出 何不 分割 无可 喃喃 不大 保守 闪烁 自愿 迫切 流出 感慨
加深 默默 不定 感叹 猜想 事迹 牲畜 凝聚 呐喊 终止 隔离 助手 未经 逼近 短暂 保密 发抖 打入 炸药 碰撞
狩猎 奋力 许可 退役 知觉 烟雾 徘徊 伦理 捕捉 减小 暂停 修理 退回 微弱 惊醒 安抚 提防 奈何 冲出 摇晃
击中 一点点 哈哈 嘿嘿 三八 已经 极度 无比 非常 十分 未知 想像 调剂 没事 自立 大方 宽大 天真 要死 不忍
一下子 一般 一样 天才
""".split())
# Two-character words that start with a negation but are words of their own.
KEEP_NEGATED = set("不佳 不公 不利 不凡 不良 不幸 不安 不适 不快 不雅 不轨 不屑 不义 不仁 无耻 无能 无助 无奈 无辜 无情 无礼 无效 无用 无趣 无知 无聊 无赖 无理 非法 没劲".split())

def table(path):
    """word -> the rest of the line, from one of our tab-separated tables."""
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                fields = line.rstrip("\n").split("\t")
                rows[fields[0]] = fields[1]
    return rows


def curate(positive, negative, words):
    both = positive & negative
    positive, negative = positive - both, negative - both
    ours = table(f"{DATA}/zh_valence.tsv")
    modifiers = table(f"{DATA}/zh_modifier.tsv")
    prefixes = [w for w, kind in modifiers.items() if kind in ("negate", "degree")]
    turns = [w for w, kind in modifiers.items() if kind in ("but", "although")]
    known = set(ours) | positive | negative
    kept = {}
    for word in sorted(positive | negative):
        if word in ours or word in modifiers or word in DROP or len(word) < 2:
            continue
        if any(c in word for c in ".．…（(）) "):
            continue
        # Two characters that are no word in a general dictionary are mostly pieces of an
        # idiom (为快, 之仇, 管我) and match across word boundaries.
        if len(word) == 2 and word not in words:
            continue
        if word not in KEEP_NEGATED:
            before = [p for p in prefixes if word.startswith(p) and len(word) > len(p)]
            if before:
                rest = word[len(max(before, key=len)):]
                # A negation or degree word before a word we know: our rules read it.
                if len(word) <= 2 or rest in known or rest.removesuffix("的") in known:
                    continue
        if any(t in word for t in turns):
            continue
        kept[word] = VALENCE if word in positive else -VALENCE
    return kept


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        ntusd = yaml.safe_load(f)["Dictionary"]
    with open(sys.argv[2], encoding="utf-8") as f:
        words = {line.split()[0] for line in f if line.strip()}
    kept = curate(set(ntusd["positive"]), set(ntusd["negative"]), words)
    sys.stdout.write(HEADER)
    for word, valence in sorted(kept.items()):
        print(f"{word}\t{valence}")
    print(len(kept), "words", file=sys.stderr)


HEADER = f"""# Chinese sentiment words from NTUSD, the National Taiwan University Sentiment Dictionary
# (Lun-Wei Ku and Hsin-Hsi Chen, NTU NLPLab), MIT licence, (c) 2022 NTU NLPLab; licence text in
# LICENSE-NTUSD. Taken from the Simplified-character copy bundled in the PyPI package cntext
# 2.2.1 (MIT), zh_common_NTUSD.yaml. Cite: Ku & Chen (2007), Mining Opinions from the Web:
# Beyond Relevance Retrieval, JASIST 58(12).
# Curated for this project: words listed as both positive and negative, words our own lexicon
# or modifiers list (ours win), single characters, entries with punctuation or a turn word
# (但, 却) dropped; two-character entries that are no word in jieba's dictionary (MIT) dropped,
# as pieces of idioms (为快, 之仇) that match across word boundaries; a negation or degree word
# before a word we already know (不友好, 很满意) dropped, so our rules read it; about 430
# frequent words that are neutral in ordinary use or collide with others (发展, 进行, 知道,
# 已经, 三八, 天才 as in 三天才到, 一点点, 取消 …) dropped after reading the 1,000 most frequent
# entries (ordered by jieba's word frequencies). Each word carries +{VALENCE} or -{VALENCE}: two
# thirds of the median valence (1.8) our own lexicon gives the 335 words both lists hold (98 %
# of them with the same sign), as the rest of NTUSD is untested. Read after our lexicon: an
# entry here never replaces one of ours. Made by src/sentiment/data/tools/curate_ntusd.py.
"""

if __name__ == "__main__":
    main()
