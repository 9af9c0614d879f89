/** Sensor types, event/reading states and event descriptions (IPMI v2.0 section 42), shared by sensors and SEL decoding. */
export { sensorTypeName, eventReadingClass, SENSOR_TYPES, type SensorTypeInfo, type EventReadingClass } from './sensor-types.ts';
export { GENERIC_STATES } from './generic-states.ts';
export { SENSOR_SPECIFIC_STATES, type SensorSpecificState } from './sensor-specific-states.ts';
export {
  describeEvent,
  discreteStateNames,
  eventTypeName,
  stateName,
  SENSOR_SPECIFIC_READING_TYPE,
  type EventToDescribe,
} from './describe.ts';
export { thresholdEventDetail, type ThresholdEventData } from './threshold-detail.ts';
