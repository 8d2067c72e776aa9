/**
 * Learning around the execution core, outside its thread: training the learned strategy in the
 * simulator ({@link io.slipway.learn.Trainer}), versioned model files with their training
 * metadata ({@link io.slipway.learn.ModelFile}), and the post-trade feedback loop that refits
 * the impact coefficient and venue priors ({@link io.slipway.learn.ImpactFeedback},
 * {@link io.slipway.learn.FeedbackFile}). The policy itself ({@link io.slipway.core.QPolicy}) and
 * the schedule that uses it live in the core, seeded and driven only by inputs.
 */
package io.slipway.learn;
