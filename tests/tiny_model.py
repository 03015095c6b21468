"""Build a tiny Marian model with random weights, for tests that must run offline.

It has the real file layout of opus-mt-id-en (config.json, generation_config.json,
model.safetensors, source.spm, target.spm, vocab.json, tokenizer_config.json), so it goes
through the same loading code as the real model; only the sizes differ. Random weights
translate nothing: tests check mechanics, never English.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

CORPUS = """\
Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah pada hari Senin.
Harga beras naik lima persen pada bulan ini, kata pejabat Kementerian Perdagangan.
Kami akan datang besok pagi ke kantor untuk rapat dengan para pemimpin daerah.
Dia membaca buku di perpustakaan kota sejak pukul 07.30 WIB hingga sore hari.
Pemerintah provinsi menyiapkan anggaran sebesar Rp1.500.000 untuk setiap keluarga.
Warga desa bergotong royong membersihkan sungai yang tercemar sampah plastik.
Menurut dr. Siti, pasien yang dirawat di rumah sakit sudah mulai pulih.
Pertemuan internasional itu dihadiri oleh utusan dari empat puluh delapan negara.
Mahasiswa Universitas Indonesia menggelar diskusi tentang perubahan iklim dan energi.
Banjir merendam ratusan rumah di Kecamatan Cilincing, Jakarta Utara, Selasa malam.
"""

#: English text for a separate target tokenizer (``build_tiny_model(separate_target=True)``).
TARGET_CORPUS = """\
President Joko Widodo opened a new toll road in Central Java on Monday.
The price of rice rose five percent this month, said a trade ministry official.
We will come to the office tomorrow morning for a meeting with regional leaders.
She read a book in the city library from 07.30 until the afternoon.
Villagers worked together to clean the river polluted by plastic waste.
"""


def build_tiny_model(
    out_dir: Path,
    *,
    seed: int = 0,
    eos_bias: float = 0.0,
    init_std: float = 0.02,
    separate_target: bool = False,
) -> Path:
    """Train a small sentencepiece model, build a tiny MarianMTModel, save both.

    Args:
        out_dir: Where to save the model (created).
        seed: Torch seed for the random weights.
        eos_bias: Added to the end-of-sentence logit: positive values make outputs shorter.
        separate_target: Write a target.spm of its own, trained on English with fewer
            pieces, as opus-mt-id-en has (the shared vocab.json holds both); by default
            source.spm and target.spm are one tokenizer.

    Returns:
        ``out_dir``.
    """
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out_dir = Path(out_dir)
    work = out_dir / "_spm"
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.txt"
    corpus.write_text(CORPUS * 3, encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(work / "sp"), vocab_size=200,
        character_coverage=1.0, model_type="unigram", hard_vocab_limit=False,
        bos_id=-1, eos_id=-1, unk_id=0, pad_id=-1, minloglevel=2, num_threads=1,
    )
    target_model = work / "sp.model"
    if separate_target:
        (work / "en.txt").write_text(TARGET_CORPUS * 3, encoding="utf-8")
        spm.SentencePieceTrainer.train(
            input=str(work / "en.txt"), model_prefix=str(work / "en"), vocab_size=90,
            character_coverage=1.0, model_type="unigram", hard_vocab_limit=False,
            bos_id=-1, eos_id=-1, unk_id=0, pad_id=-1, minloglevel=2, num_threads=1,
        )
        target_model = work / "en.model"
    vocab = {"</s>": 0, "<unk>": 1}
    for model_file in dict.fromkeys((work / "sp.model", target_model)):
        processor = spm.SentencePieceProcessor(model_file=str(model_file))
        for i in range(processor.get_piece_size()):
            vocab.setdefault(processor.id_to_piece(i), len(vocab))
    vocab["<pad>"] = len(vocab)
    shutil.copy(work / "sp.model", work / "source.spm")
    shutil.copy(target_model, work / "target.spm")
    (work / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(work / "source.spm"), target_spm=str(work / "target.spm"),
        vocab=str(work / "vocab.json"), source_lang="id", target_lang="en",
    )
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab), decoder_vocab_size=len(vocab), d_model=32,
        encoder_layers=2, decoder_layers=2, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64,
        max_position_embeddings=512, pad_token_id=pad, decoder_start_token_id=pad,
        eos_token_id=0, forced_eos_token_id=0, bos_token_id=0, num_beams=4, max_length=512,
        bad_words_ids=[[pad]], scale_embedding=True, init_std=init_std,
        share_encoder_decoder_embeddings=True,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    with torch.no_grad():
        model.final_logits_bias[0, 0] += eos_bias
    model.generation_config.num_beams = 4
    model.generation_config.bad_words_ids = [[pad]]
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    shutil.rmtree(work)
    return out_dir
