import RNSVGCircle from './CircleNativeComponent';
import RNSVGClipPath from './ClipPathNativeComponent';
import RNSVGDefs from './DefsNativeComponent';
import RNSVGEllipse from './EllipseNativeComponent';
import RNSVGForeignObject from './ForeignObjectNativeComponent';
import RNSVGGroup from './GroupNativeComponent';
import RNSVGImage from './ImageNativeComponent';
import RNSVGLinearGradient from './LinearGradientNativeComponent';
import RNSVGLine from './LineNativeComponent';
import RNSVGMarker from './MarkerNativeComponent';
import RNSVGMask from './MaskNativeComponent';
import RNSVGPath from './PathNativeComponent';
import RNSVGPattern from './PatternNativeComponent';
import RNSVGRadialGradient from './RadialGradientNativeComponent';
import RNSVGRect from './RectNativeComponent';
import RNSVGSvgAndroid from './AndroidSvgViewNativeComponent';
import RNSVGSvgIOS from './IOSSvgViewNativeComponent';
import RNSVGSymbol from './SymbolNativeComponent';
import RNSVGText from './TextNativeComponent';
import RNSVGTextPath from './TextPathNativeComponent';
import RNSVGTSpan from './TSpanNativeComponent';
import RNSVGUse from './UseNativeComponent';

export {
  RNSVGCircle,
  RNSVGClipPath,
  RNSVGDefs,
  RNSVGEllipse,
  RNSVGForeignObject,
  RNSVGGroup,
  RNSVGImage,
  RNSVGLinearGradient,
  RNSVGLine,
  RNSVGMarker,
  RNSVGMask,
  RNSVGPath,
  RNSVGPattern,
  RNSVGRadialGradient,
  RNSVGRect,
  RNSVGSvgAndroid,
  RNSVGSvgIOS,
  RNSVGSymbol,
  RNSVGText,
  RNSVGTextPath,
  RNSVGTSpan,
  RNSVGUse,
};
