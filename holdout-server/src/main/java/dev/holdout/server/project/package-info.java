/**
 * Projects: a suite, its evaluation set split once by a secret seed into public and private parts,
 * the inputs vendors may download (without the label, baseline and reference columns unless the
 * suite shares them), the invited vendors and the settings, each change checked and recorded.
 */
package dev.holdout.server.project;
