// @userops/ml: pure maths for segmentation and churn. No I/O; every random choice comes from a seed.
export { MlError, type MlErrorCode } from './ml-error';
export { createRandom, type SeededRandom } from './random/seeded-random';
export { type DenseMatrix, type Points, denseMatrix, toDenseMatrix, toRows } from './matrix/dense-matrix';

export {
  initTensorBackend,
  currentTensorBackend,
  type TensorBackendName,
  type TensorBackendLog,
} from './tensor/tensor-backend';

export { log1pColumns, expm1Columns } from './scaling/log1p-transform';
export {
  StandardScaler,
  type StandardScalerOptions,
  type StandardScalerJson,
} from './scaling/standard-scaler';

export { fitKMeans, type KMeansOptions, type KMeansResult, type KMeansEngine } from './clustering/k-means';
export {
  fitMiniBatchKMeans,
  type MiniBatchKMeansOptions,
  type MiniBatchKMeansResult,
  type MiniBatchPass,
} from './clustering/mini-batch-k-means';
export { assignToNearest, type Assignment } from './clustering/nearest-centroid';
export { silhouetteScore, type SilhouetteOptions } from './clustering/silhouette';
export { chooseK, type ChooseKOptions, type ChooseKResult, type KCandidate } from './clustering/choose-k';
export { solveAssignment, type AssignmentSolution } from './clustering/hungarian-matching';
export {
  matchSegmentIds,
  type IdentifiedCentroid,
  type StableIdOptions,
  type StableIdMatch,
  type StableIdResult,
} from './clustering/stable-segment-ids';
export {
  describeSegment,
  summarisePopulation,
  type FeatureSummary,
  type FeatureWords,
  type DescribeSegmentOptions,
  type DescriptionTerm,
  type SegmentDescription,
} from './clustering/segment-description';
export { adjustedRandIndex } from './clustering/adjusted-rand-index';

export {
  LogisticRegression,
  type LogisticRegressionOptions,
  type LogisticRegressionJson,
} from './classification/logistic-regression';
export {
  confusionMatrix,
  precision,
  recall,
  f1Score,
  rocAuc,
  evaluateBinaryClassifier,
  type ConfusionMatrix,
  type BinaryClassificationReport,
} from './classification/classification-metrics';
export {
  stratifiedSplit,
  type StratifiedSplitOptions,
  type TrainTestSplit,
} from './classification/stratified-split';
